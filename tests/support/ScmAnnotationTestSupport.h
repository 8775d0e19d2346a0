// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/scm/ScmAnnotationClient.h"

#include <QSignalSpy>
#include <memory>

namespace stella::test {

// A token source with a fixed token (the tests' stand-in for GitHub's installation tokens):
// `first` is handed out until invalidate(), then `token`.
class FixedTokenSource final : public ScmTokenSource
{
public:
    explicit FixedTokenSource(QByteArray token, QByteArray first = {})
        : m_token(std::move(token)), m_first(std::move(first))
    {}
    void token(TokenCallback done) override
    {
        done(SecretValue(m_invalidations == 0 && !m_first.isEmpty() ? m_first : m_token));
    }
    void invalidate() override { ++m_invalidations; }
    int invalidations() const { return m_invalidations; }

private:
    QByteArray m_token;
    QByteArray m_first;
    int m_invalidations = 0;
};

// Waits for the operation (owned by the caller) and hands back its result.
inline DeliveryResult finish(AnnotationOperation *op)
{
    QSignalSpy done(op, &AnnotationOperation::finished);
    if (!op->isFinished() && !done.wait(60000))
        qWarning("annotation operation did not finish");
    return op->result();
}

// `count` annotations on src/app.cpp, lines 1..count, every tenth a failure.
inline QList<CheckAnnotation> annotations(int count,
                                          const QString &path = QStringLiteral("src/app.cpp"))
{
    QList<CheckAnnotation> all;
    for (int i = 1; i <= count; ++i) {
        CheckAnnotation a;
        a.path = path;
        a.startLine = a.endLine = i;
        a.level = i % 10 == 0 ? AnnotationLevel::Failure : AnnotationLevel::Warning;
        a.title = QStringLiteral("rule-%1").arg(i % 3);
        a.message = QStringLiteral("finding %1").arg(i);
        all.append(a);
    }
    return all;
}

} // namespace stella::test
