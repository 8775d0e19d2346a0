// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <memory>

namespace stella {

// Inflates a gzip or deflate answer as it arrives, refusing to grow past a cap: the client
// asks for these encodings itself so that Qt does not inflate them (Qt 6.4's own inflation
// stalls the reply when it suspects a bomb), and a 10 GB gzip bomb stops at the cap.
class ContentDecoder
{
public:
    // For a Content-Encoding value; null when the body is not gzip or deflate (sent as it is).
    static std::unique_ptr<ContentDecoder> forEncoding(const QByteArray &contentEncoding,
                                                       qint64 maxInflatedBytes);
    ~ContentDecoder();
    ContentDecoder(const ContentDecoder &) = delete;
    ContentDecoder &operator=(const ContentDecoder &) = delete;

    enum class Outcome
    {
        More,     // give the next bytes
        Done,     // the compressed stream ended
        TooLarge, // the inflated answer crossed the cap
        Corrupt,  // not a valid stream
    };
    // Appends what `compressed` inflates to onto `out`.
    Outcome feed(const QByteArray &compressed, QByteArray &out);
    bool finished() const { return m_finished; }

private:
    ContentDecoder(int windowBits, qint64 maxInflatedBytes);
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    qint64 m_max;
    bool m_ok = false;
    bool m_finished = false;
};

} // namespace stella
