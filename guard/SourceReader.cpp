// SPDX-License-Identifier: Apache-2.0
#include "SourceReader.h"

#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stella::guard {

namespace {
class Descriptor
{
public:
    explicit Descriptor(int fd) : m_fd(fd) {}
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Descriptor(const Descriptor &) = delete;
    Descriptor &operator=(const Descriptor &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}
} // namespace

bool SourceReader::read(const QString &path, qint64 limit)
{
    m_error.clear();
    const QByteArray native = QFile::encodeName(path);
    const Descriptor fd(::open(native.constData(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        m_error = systemError(errno);
        m_text.resize(0);
        return false;
    }
    struct stat info
    {};
    // The walker checked the size; a file that grew since is read up to the limit, one that
    // shrank ends where read() finds its end.
    qint64 expected = ::fstat(fd.get(), &info) == 0 ? qint64(info.st_size) : 0;
    expected = std::clamp<qint64>(expected, 0, limit);
    m_text.resize(qsizetype(expected)); // within the capacity of earlier files: no allocation
    qint64 done = 0;
    for (;;) {
        if (done == qint64(m_text.size())) {
            // At the expected end: one more byte tells whether the file grew (up to the limit).
            if (done >= limit)
                break;
            m_text.resize(qsizetype(std::min<qint64>(limit, done + 64 * 1024)));
        }
        const ssize_t n = ::read(fd.get(), m_text.data() + done, size_t(m_text.size() - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            m_error = systemError(errno);
            m_text.resize(0);
            return false;
        }
        if (n == 0)
            break;
        done += n;
    }
    m_text.resize(qsizetype(done));
    return true;
}

} // namespace stella::guard
