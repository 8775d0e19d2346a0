// SPDX-License-Identifier: Apache-2.0
#include "SecretRules.h"

namespace stella::guard {

namespace {
GuardRule rule(const char *id, Severity severity, const char *description, QString pattern,
               QStringList keywords, RuleCheck check = RuleCheck::Token, int secretGroup = 0,
               bool caseless = false)
{
    GuardRule r;
    r.id = QString::fromLatin1(id);
    r.family = RuleFamily::Secret;
    r.severity = severity;
    r.description = QString::fromLatin1(description);
    r.pattern = std::move(pattern);
    r.keywords = std::move(keywords);
    r.check = check;
    r.secretGroup = secretGroup;
    r.caseless = caseless;
    return r;
}

QList<GuardRule> makeSecretRules()
{
    using S = Severity;
    using K = QStringList;
    // Token shapes follow the vendors' published formats; where a vendor prefix exists it is
    // the keyword, so the prefilter is exact. \b is used only next to ASCII word characters.
    return {
        rule("aws-access-key-id", S::Critical, "AWS access key id",
             QStringLiteral(R"(\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b)"),
             K{QStringLiteral("akia"), QStringLiteral("asia"), QStringLiteral("abia"),
               QStringLiteral("acca")},
             RuleCheck::Token, 1),
        rule(
            "aws-secret-access-key", S::Critical, "AWS secret access key",
            QStringLiteral(
                R"((?:aws[_.\-]?secret[_.\-]?(?:access[_.\-]?)?key|secret[_.\-]?access[_.\-]?key)["']?[ \t]{0,5}(?:=|:=|:|=>)[ \t]{0,5}["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$))"),
            K{QStringLiteral("secret")}, RuleCheck::Token, 1, true),
        rule("github-pat", S::Critical, "GitHub personal access token (classic)",
             QStringLiteral(R"(\bghp_[A-Za-z0-9]{36}\b)"), K{QStringLiteral("ghp_")}),
        rule("github-fine-grained-pat", S::Critical, "GitHub fine-grained personal access token",
             QStringLiteral(R"(\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b)"),
             K{QStringLiteral("github_pat_")}),
        rule("github-oauth-token", S::Critical, "GitHub OAuth access token",
             QStringLiteral(R"(\bgho_[A-Za-z0-9]{36}\b)"), K{QStringLiteral("gho_")}),
        rule("github-app-token", S::Critical, "GitHub App user, installation or refresh token",
             QStringLiteral(R"(\b(?:ghu|ghs|ghr)_[A-Za-z0-9]{36}\b)"),
             K{QStringLiteral("ghu_"), QStringLiteral("ghs_"), QStringLiteral("ghr_")}),
        rule("gitlab-pat", S::Critical, "GitLab personal access token",
             QStringLiteral(R"(\bglpat-[A-Za-z0-9_\-]{20,})"), K{QStringLiteral("glpat-")}),
        rule("gitlab-deploy-token", S::High, "GitLab deploy token",
             QStringLiteral(R"(\bgldt-[A-Za-z0-9_\-]{20,})"), K{QStringLiteral("gldt-")}),
        rule("gitlab-runner-token", S::High, "GitLab runner authentication or registration token",
             QStringLiteral(R"(\b(?:glrt-|GR1348941)[A-Za-z0-9_\-]{20,})"),
             K{QStringLiteral("glrt-"), QStringLiteral("gr1348941")}),
        rule("slack-token", S::High, "Slack bot, user or app token",
             QStringLiteral(R"(\bxox[abeprs]-[0-9]{10,13}-[0-9A-Za-z\-]{10,})"),
             K{QStringLiteral("xox")}),
        rule(
            "slack-webhook-url", S::High, "Slack incoming webhook URL",
            QStringLiteral(
                R"(hooks\.slack\.com/(?:services|workflows)/(T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}))"),
            K{QStringLiteral("hooks.slack.com")}, RuleCheck::Token, 1),
        rule("stripe-secret-key", S::Critical, "Stripe secret or restricted key",
             QStringLiteral(R"(\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{24,99}\b)"),
             K{QStringLiteral("sk_live_"), QStringLiteral("sk_test_"), QStringLiteral("rk_live_"),
               QStringLiteral("rk_test_")}),
        rule("google-api-key", S::High, "Google API key",
             QStringLiteral(R"(\bAIza[0-9A-Za-z_\-]{35})"), K{QStringLiteral("aiza")}),
        rule("azure-storage-key", S::Critical, "Azure storage account key",
             QStringLiteral(R"(AccountKey=([A-Za-z0-9+/]{86}==))"),
             K{QStringLiteral("accountkey=")}, RuleCheck::Token, 1),
        rule("npm-token", S::High, "npm access token", QStringLiteral(R"(\bnpm_[A-Za-z0-9]{36}\b)"),
             K{QStringLiteral("npm_")}),
        rule("pypi-token", S::High, "PyPI upload token",
             QStringLiteral(R"(\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})"),
             K{QStringLiteral("pypi-ageichlwas5vcmc")}),
        rule(
            "openai-api-key", S::Critical, "OpenAI API key",
            QStringLiteral(
                R"(\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}))"),
            K{QStringLiteral("sk-proj-"), QStringLiteral("sk-svcacct-"),
              QStringLiteral("sk-admin-"), QStringLiteral("t3blbkfj")}),
        rule("anthropic-api-key", S::Critical, "Anthropic API key",
             QStringLiteral(R"(\bsk-ant-(?:api03|admin01)-[A-Za-z0-9_\-]{93}AA)"),
             K{QStringLiteral("sk-ant-")}),
        rule("private-key", S::Critical, "Private key (PEM block)",
             QStringLiteral(R"(-----BEGIN[ A-Z0-9]{0,20}PRIVATE KEY(?: BLOCK)?-----)"),
             K{QStringLiteral("private key")}, RuleCheck::PrivateKey),
        rule("jwt", S::Medium, "JSON Web Token",
             QStringLiteral(
                 R"(\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,})"),
             K{QStringLiteral("eyj")}),
        rule(
            "basic-auth-url", S::High, "Password in a URL",
            QStringLiteral(
                R"(\b[A-Za-z][A-Za-z0-9+.\-]{1,15}://[^ \t\r\n:/@'"`<>]{1,64}:([^ \t\r\n:/@'"`<>]{3,128})@[A-Za-z0-9.\-]{3,})"),
            K{QStringLiteral("://")}, RuleCheck::BasicAuthUrl, 1),
        // Assignments (`password = "…"`, `Password: String = "…"`, `kPassword[] = "…"`), PHP's
        // define('DB_PASSWORD', '…'), XML elements and appSettings values: what real code and
        // config write a hard-coded password as.
        rule(
            "generic-secret", S::Medium, "Hard-coded password, secret or token",
            QStringLiteral(
                R"((?:(?:password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|auth[_\-]?key)[A-Za-z0-9_.\-]{0,20}(?:\[\])?(?:[ \t]{0,5}:[ \t]{0,5}[A-Za-z][A-Za-z0-9_.?]{0,30}(?:<[A-Za-z0-9_.]{1,30}>)?[ \t]{0,5}=|["']?[ \t]{0,5}(?:=|:=|:|=>))|define\([ \t]{0,5}["'][A-Za-z0-9_]{0,20}(?:password|passwd|pwd|secret|token|api[_\-]?key|auth[_\-]?key)[A-Za-z0-9_]{0,20}["'][ \t]{0,5},|<(?:password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|auth[_\-]?key)[A-Za-z0-9_.\-]{0,20}>|(?:password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|auth[_\-]?key)[A-Za-z0-9_.\-]{0,20}["'][ \t]{1,5}value[ \t]{0,5}=)[ \t]{0,5}["']?([^ \t\r\n"'`,;(){}\[\]<>=:][^ \t\r\n"'`,;(){}\[\]<>]{7,127}))"),
            K{QStringLiteral("passw"), QStringLiteral("pwd"), QStringLiteral("secret"),
              QStringLiteral("token"), QStringLiteral("api"), QStringLiteral("access"),
              QStringLiteral("auth")},
            RuleCheck::GenericAssignment, 1, true),
        // A literal fallback of an environment read hard-codes the secret the read was meant
        // to keep out of the code: os.environ.get("DB_PASSWORD", "…"), os.getenv, process.env.X
        // || "…", System.getenv().getOrDefault, ENV.fetch, env("…", "…"), cmp.Or(os.Getenv(…),
        // "…"), `?? "…"`, `?: "…"`, .orElse/.unwrap_or("…"), and ${VAR:-…} in shell, compose
        // files and Spring placeholders. The variable's name must say it holds a secret; a
        // write (setenv, putenv, qputenv) is no read.
        rule(
            "env-fallback-secret", S::Medium, "Hard-coded secret as the fallback of an environment variable", QStringLiteral(R"((?:(?:(?:\b|get)env(?:iron(?:ment)?)?(?:variable|\.get|\.setdefault|\.fetch|::var)?|getenv[ \t]{0,3}\([ \t]{0,3}\)[ \t]{0,3}\.getordefault)[ \t]{0,3}[(\[.][ \t]{0,3}["']?[A-Za-z0-9_.\-]{0,40}(?:pass(?:word|wd)?|pwd|secret|token|credential|(?:api|access|private|auth|signing|encryption|master)[_\-.]?key)[A-Za-z0-9_.\-]{0,40}["']?[ \t]{0,3}[\])]?[ \t]{0,3}\)?[ \t]{0,3}(?:,|\|\||\?\?|\?:|or|\{|\.(?:orelse|unwrap_or|unwrap_or_else|getorelse)\([ \t]{0,3}(?:\|_\|)?)[ \t]{0,3}["']|\$\{[A-Za-z0-9_.\-]{0,40}(?:pass(?:word|wd)?|pwd|secret|token|credential|(?:api|access|private|auth|signing|encryption|master)[_\-.]?key)[A-Za-z0-9_.\-]{0,40}(?::-|:=|-|=|:))([^"'}$ \t\r\n]{8,128})["'}])"),
            K{QStringLiteral("env"), QStringLiteral("${")}, RuleCheck::EnvFallback, 1, true),
    };
}

GuardRule attribution(const char *id, Severity severity, const char *description, QString pattern,
                      QStringList keywords)
{
    GuardRule r;
    r.id = QString::fromLatin1(id);
    r.family = RuleFamily::Attribution;
    r.severity = severity;
    r.description = QString::fromLatin1(description);
    r.pattern = std::move(pattern);
    r.keywords = std::move(keywords);
    r.caseless = true;
    return r;
}

QList<GuardRule> makeAttributionRules()
{
    using S = Severity;
    using K = QStringList;
    // A bare mention of "Copilot" or "Claude" is not evidence of generated code; a statement
    // that something was generated/written by one is.
    return {
        attribution(
            "ai-generated-by", S::Low, "Code marked as written by an AI assistant",
            QStringLiteral(
                R"((?:generated|written|created|produced|authored|suggested)[ \t]+(?:by|with|using)[ \t]+(?:chat[ \t]?gpt|gpt-?[345]|openai|github[ \t]+copilot|copilot|claude|anthropic|gemini|codewhisperer|an?[ \t]+ai|ai[ \t]+assistant|an?[ \t]+llm|llm)\b)"),
            K{QStringLiteral("generated"), QStringLiteral("written"), QStringLiteral("created"),
              QStringLiteral("produced"), QStringLiteral("authored"), QStringLiteral("suggested")}),
        attribution("ai-generated-label", S::Low, "Code labelled AI-generated",
                    QStringLiteral(R"(\bai[ \t]?[\-_ ][ \t]?generated\b)"),
                    K{QStringLiteral("generated")}),
        attribution(
            "ai-coauthor", S::Low, "AI assistant named as co-author",
            QStringLiteral(
                R"(co-authored-by:[ \t]*(?:claude|github[ \t]+copilot|copilot|chatgpt|openai|gemini))"),
            K{QStringLiteral("co-authored-by")}),
        attribution("generated-tag", S::Info, "File tagged @generated by a tool",
                    QStringLiteral(R"(@generated[ \t]+by\b)"), K{QStringLiteral("@generated")}),
    };
}
} // namespace

const QList<GuardRule> &SecretRules::builtin()
{
    static const QList<GuardRule> rules = makeSecretRules();
    return rules;
}

GuardRule SecretRules::fromCustom(const PatternRule &custom)
{
    GuardRule r;
    r.id = custom.id;
    r.family = RuleFamily::Secret;
    r.severity = custom.severity;
    r.description = custom.description.isEmpty()
                        ? QStringLiteral("Match of custom secret pattern %1").arg(custom.id)
                        : custom.description;
    r.pattern = custom.pattern;
    r.check = RuleCheck::Token; // placeholders stay quiet for custom patterns too
    return r;
}

const QList<GuardRule> &AttributionRules::builtin()
{
    static const QList<GuardRule> rules = makeAttributionRules();
    return rules;
}

GuardRule AttributionRules::fromMarker(const PatternRule &marker)
{
    GuardRule r;
    r.id = marker.id;
    r.family = RuleFamily::Attribution;
    r.severity = marker.severity;
    r.description = marker.description.isEmpty()
                        ? QStringLiteral("AI attribution marker %1").arg(marker.id)
                        : marker.description;
    r.pattern = marker.pattern;
    r.caseless = true; // markers are phrases; case never matters
    return r;
}

} // namespace stella::guard
