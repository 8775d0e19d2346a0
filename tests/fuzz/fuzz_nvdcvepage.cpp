// SPDX-License-Identifier: Apache-2.0
// NVD's CVE API 2.0 pages, from NVD or any mirror an operator points the feed at.
#include "FuzzTarget.h"
#include "connectors/feeds/nvdmirror/NvdCvePage.h"

STELLA_FUZZ_TARGET(nvdcvepage)
{
    stella::HttpResponse response;
    response.status = 200;
    response.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
    response.body = stella::fuzz::bytes(data, size);
    (void)stella::nvd::readCvePage(QStringLiteral("https://services.nvd.example.test"), response,
                                   QStringLiteral("GET /rest/json/cves/2.0"));
    return 0;
}
