// SPDX-License-Identifier: Apache-2.0
#include "ContentDecoder.h"

#include <zlib.h>

namespace stella {

struct ContentDecoder::Stream
{
    z_stream z{};
};

std::unique_ptr<ContentDecoder> ContentDecoder::forEncoding(const QByteArray &contentEncoding,
                                                            qint64 maxInflatedBytes)
{
    const QByteArray encoding = contentEncoding.trimmed().toLower();
    // gzip: its header only; deflate: zlib's header or gzip's, whichever the server sent
    // (some send one for the other).
    if (encoding == "gzip" || encoding == "x-gzip")
        return std::unique_ptr<ContentDecoder>(new ContentDecoder(15 + 16, maxInflatedBytes));
    if (encoding == "deflate")
        return std::unique_ptr<ContentDecoder>(new ContentDecoder(15 + 32, maxInflatedBytes));
    return nullptr;
}

ContentDecoder::ContentDecoder(int windowBits, qint64 maxInflatedBytes)
    : m_stream(std::make_unique<Stream>()), m_max(maxInflatedBytes)
{
    m_ok = inflateInit2(&m_stream->z, windowBits) == Z_OK;
}

ContentDecoder::~ContentDecoder()
{
    if (m_ok)
        inflateEnd(&m_stream->z);
}

ContentDecoder::Outcome ContentDecoder::feed(const QByteArray &compressed, QByteArray &out)
{
    if (!m_ok)
        return Outcome::Corrupt;
    if (m_finished)
        return Outcome::Done; // bytes after the end of the stream are not part of the answer
    z_stream &z = m_stream->z;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.constData()));
    z.avail_in = uInt(compressed.size());
    char buffer[64 << 10];
    while (z.avail_in > 0 || z.avail_out == 0) {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        const int rc = inflate(&z, Z_NO_FLUSH);
        const qsizetype produced = qsizetype(sizeof buffer - z.avail_out);
        if (out.size() + produced > m_max)
            return Outcome::TooLarge;
        out.append(buffer, produced);
        if (rc == Z_STREAM_END) {
            m_finished = true;
            return Outcome::Done;
        }
        if (rc == Z_BUF_ERROR && produced == 0)
            break; // everything given is consumed
        if (rc != Z_OK)
            return Outcome::Corrupt;
    }
    return Outcome::More;
}

} // namespace stella
