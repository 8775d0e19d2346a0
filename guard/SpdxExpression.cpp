// SPDX-License-Identifier: Apache-2.0
#include "SpdxExpression.h"

#include "SpdxIds.h"

#include <algorithm>

namespace stella::guard {

namespace {
using Node = SpdxExpression::Node;

// A small recursive-descent parser over whitespace/parenthesis separated tokens.
class Parser
{
public:
    explicit Parser(const QString &text)
    {
        QString current;
        for (const QChar c : text) {
            if (c.isSpace() || c == QLatin1Char('(') || c == QLatin1Char(')')) {
                if (!current.isEmpty())
                    m_tokens.append(std::exchange(current, {}));
                if (!c.isSpace())
                    m_tokens.append(QString(c));
            } else {
                current += c;
            }
        }
        if (!current.isEmpty())
            m_tokens.append(current);
    }

    Result<std::unique_ptr<Node>> parseAll()
    {
        if (m_tokens.isEmpty())
            return fail(QStringLiteral("the expression is empty"));
        auto root = parseOr();
        if (!root.ok())
            return root;
        if (m_pos < m_tokens.size())
            return fail(QStringLiteral("unexpected '%1'").arg(m_tokens.at(m_pos)));
        // The canonical text adds the parentheses precedence implied ("A OR B AND C" is written
        // "A OR (B AND C)"), so a tree within the limit as typed can exceed it as written back.
        // Refusing it here keeps toString() an expression parse() accepts.
        if (writtenDepth(*root.value(), false) > kMaxDepth)
            return fail(QStringLiteral("parentheses nested deeper than %1").arg(kMaxDepth));
        return root;
    }

    QStringList unknown;

private:
    static bool isOperator(const QString &t, const char *op)
    {
        // Operators are upper case in SPDX 2.3; lower case is accepted as older tools wrote it
        // (not "Or": a mixed case word is an id).
        const QLatin1String upper(op);
        if (t.size() != upper.size())
            return false;
        return t == upper || (t.compare(upper, Qt::CaseInsensitive) == 0 && t == t.toLower());
    }
    bool peekOperator(const char *op) const
    {
        return m_pos < m_tokens.size() && isOperator(m_tokens.at(m_pos), op);
    }
    Error fail(const QString &what) const
    {
        return Error::invalidInput(QStringLiteral("invalid SPDX expression: %1").arg(what),
                                   QStringLiteral("Write e.g. \"MIT OR Apache-2.0\""));
    }

    Result<std::unique_ptr<Node>> parseBinary(Node::Kind kind, const char *op,
                                              Result<std::unique_ptr<Node>> (Parser::*next)())
    {
        auto first = (this->*next)();
        if (!first.ok() || !peekOperator(op))
            return first;
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->children.push_back(std::move(first).value());
        while (peekOperator(op)) {
            ++m_pos;
            auto operand = (this->*next)();
            if (!operand.ok())
                return operand;
            node->children.push_back(std::move(operand).value());
        }
        return node;
    }
    Result<std::unique_ptr<Node>> parseOr()
    {
        return parseBinary(Node::Kind::Or, "OR", &Parser::parseAnd);
    }
    Result<std::unique_ptr<Node>> parseAnd()
    {
        return parseBinary(Node::Kind::And, "AND", &Parser::parseWith);
    }
    Result<std::unique_ptr<Node>> parseWith()
    {
        auto license = parseAtom();
        if (!license.ok() || !peekOperator("WITH"))
            return license;
        ++m_pos;
        if (m_pos >= m_tokens.size())
            return fail(QStringLiteral("WITH needs an exception id"));
        const QString written = m_tokens.at(m_pos++);
        QString exception = canonicalExceptionId(written);
        if (exception.isEmpty()) {
            unknown.append(written);
            exception = written;
        }
        auto node = std::make_unique<Node>();
        node->kind = Node::Kind::With;
        node->exception = exception;
        node->children.push_back(std::move(license).value());
        return node;
    }
    Result<std::unique_ptr<Node>> parseAtom()
    {
        if (m_pos >= m_tokens.size())
            return fail(QStringLiteral("a license id is missing at the end"));
        const QString token = m_tokens.at(m_pos++);
        if (token == QLatin1String("(")) {
            // Each level is a few frames of recursion: a hostile file's 100,000 '(' must be an
            // error, not a stack overflow. No real expression nests this deep.
            if (++m_depth > kMaxDepth)
                return fail(QStringLiteral("parentheses nested deeper than %1").arg(kMaxDepth));
            auto inner = parseOr();
            --m_depth;
            if (!inner.ok())
                return inner;
            if (m_pos >= m_tokens.size() || m_tokens.at(m_pos) != QLatin1String(")"))
                return fail(QStringLiteral("a ')' is missing"));
            ++m_pos;
            return inner;
        }
        if (token == QLatin1String(")") || isOperator(token, "AND") || isOperator(token, "OR") ||
            isOperator(token, "WITH"))
            return fail(QStringLiteral("a license id is expected before '%1'").arg(token));
        auto node = std::make_unique<Node>();
        QString id = token;
        if (id.endsWith(QLatin1Char('+'))) {
            node->orLater = true;
            id.chop(1);
        }
        static const QString idChars = QStringLiteral("abcdefghijklmnopqrstuvwxyz"
                                                      "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:");
        for (const QChar c : id) {
            if (!idChars.contains(c))
                return fail(QStringLiteral("'%1' is not a license id").arg(token));
        }
        const QString canonical = canonicalLicenseId(id);
        if (canonical.isEmpty())
            unknown.append(id);
        node->id = canonical.isEmpty() ? id : canonical;
        return node;
    }

    // How deep the parentheses of render()'s text nest; mirrors its rules.
    static int writtenDepth(const Node &node, bool nested)
    {
        int deepest = 0;
        for (const auto &child : node.children)
            deepest = std::max(deepest, writtenDepth(*child, true));
        const bool parenthesised =
            nested && (node.kind == Node::Kind::And || node.kind == Node::Kind::Or);
        return deepest + (parenthesised ? 1 : 0);
    }

    static constexpr int kMaxDepth = 64;
    QStringList m_tokens;
    qsizetype m_pos = 0;
    int m_depth = 0;
};

void collectIds(const Node &node, QStringList &out)
{
    if (node.kind == Node::Kind::License)
        out.append(node.id);
    for (const auto &child : node.children)
        collectIds(*child, out);
}

bool allowed(const Node &node, const QStringList &list, QStringList &offending)
{
    switch (node.kind) {
    case Node::Kind::License:
        if (list.contains(node.id, Qt::CaseInsensitive))
            return true;
        offending.append(node.id);
        return false;
    case Node::Kind::With:
        return allowed(*node.children.front(), list, offending);
    case Node::Kind::And: {
        bool all = true;
        for (const auto &child : node.children)
            all = allowed(*child, list, offending) && all;
        return all;
    }
    case Node::Kind::Or: {
        QStringList failing;
        for (const auto &child : node.children) {
            if (allowed(*child, list, failing))
                return true;
        }
        offending += failing;
        return false;
    }
    }
    return false;
}

QString render(const Node &node, bool nested)
{
    switch (node.kind) {
    case Node::Kind::License:
        return node.id + (node.orLater ? QStringLiteral("+") : QString());
    case Node::Kind::With:
        return render(*node.children.front(), true) + QStringLiteral(" WITH ") + node.exception;
    case Node::Kind::And:
    case Node::Kind::Or: {
        QStringList parts;
        for (const auto &child : node.children)
            parts.append(render(*child, true));
        const QString text = parts.join(node.kind == Node::Kind::And ? QStringLiteral(" AND ")
                                                                     : QStringLiteral(" OR "));
        return nested ? QStringLiteral("(") + text + QStringLiteral(")") : text;
    }
    }
    return {};
}
} // namespace

Result<SpdxExpression> SpdxExpression::parse(const QString &text)
{
    Parser parser(text);
    auto root = parser.parseAll();
    if (!root.ok())
        return root.error();
    SpdxExpression expression;
    expression.m_root = std::shared_ptr<Node>(std::move(root).value().release());
    expression.m_unknown = parser.unknown;
    return expression;
}

QStringList SpdxExpression::licenseIds() const
{
    QStringList ids;
    if (m_root)
        collectIds(*m_root, ids);
    return ids;
}

bool SpdxExpression::allowedBy(const QStringList &allowedIds, QStringList *offending) const
{
    QStringList failing;
    const bool ok = m_root && allowed(*m_root, allowedIds, failing);
    failing.removeDuplicates();
    if (offending)
        *offending = failing;
    return ok;
}

QString SpdxExpression::toString() const
{
    return m_root ? render(*m_root, false) : QString();
}

} // namespace stella::guard
