package dev.aiguardian.guards.trust.secrets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Provider token formats as each provider documents them: prefix, body length, alphabet and, where
 * the provider embeds one, the checksum. A token whose checksum fails is provably not the
 * provider's (a test fixture or a typo): {@link #match} says so, and the caller reports nothing.
 */
final class ProviderTokens {

    enum Alphabet {
        BASE62, HEX, BASE64URL, LETTERS, UPPER_ALNUM, BECH32_UPPER, ANY_TOKEN;

        boolean accepts(char c) {
            boolean lower = c >= 'a' && c <= 'z';
            boolean upper = c >= 'A' && c <= 'Z';
            boolean digit = c >= '0' && c <= '9';
            return switch (this) {
                case BASE62 -> lower || upper || digit;
                case HEX -> digit || (c >= 'a' && c <= 'f');
                case BASE64URL -> lower || upper || digit || c == '-' || c == '_';
                case LETTERS -> lower || upper;
                case UPPER_ALNUM -> upper || digit;
                case BECH32_UPPER -> "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L".indexOf(c) >= 0;
                case ANY_TOKEN -> lower || upper || digit || c == '-' || c == '_' || c == '.';
            };
        }
    }

    /** One documented format; {@code crc} marks GitHub/npm-style base62 CRC32 in the last 6 chars. */
    record Format(String prefix, int minBody, int maxBody, Alphabet alphabet, boolean crc, String type, double score,
            String name) {
    }

    /** A token that has a provider's shape; {@code refuted} when its embedded checksum fails. */
    record Match(Format format, boolean refuted) {
    }

    private static final String B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    static final List<Format> FORMATS = List.of(
            new Format("ghp_", 36, 36, Alphabet.BASE62, true, "github_token", 0.97, "GitHub personal access token"),
            new Format("gho_", 36, 36, Alphabet.BASE62, true, "github_token", 0.97, "GitHub OAuth token"),
            new Format("ghu_", 36, 36, Alphabet.BASE62, true, "github_token", 0.97, "GitHub user-to-server token"),
            new Format("ghs_", 36, 36, Alphabet.BASE62, true, "github_token", 0.97, "GitHub server-to-server token"),
            new Format("ghr_", 36, 36, Alphabet.BASE62, true, "github_token", 0.97, "GitHub refresh token"),
            new Format("github_pat_", 82, 82, Alphabet.BASE64URL, false, "github_token", 0.95,
                    "GitHub fine-grained personal access token"),
            new Format("npm_", 36, 36, Alphabet.BASE62, true, "npm_token", 0.97, "npm access token"),
            new Format("pypi-AgEIcHlwaS5vcmc", 50, 1000, Alphabet.BASE64URL, false, "pypi_token", 0.97,
                    "PyPI API token (pypi.org macaroon)"),
            new Format("pypi-AgENdGVzdC5weXBpLm9yZw", 50, 1000, Alphabet.BASE64URL, false, "pypi_token", 0.9,
                    "TestPyPI API token"),
            new Format("SG.", 66, 66, Alphabet.ANY_TOKEN, false, "sendgrid_key", 0.95, "SendGrid API key"),
            new Format("dop_v1_", 64, 64, Alphabet.HEX, false, "digitalocean_token", 0.97,
                    "DigitalOcean personal access token"),
            new Format("doo_v1_", 64, 64, Alphabet.HEX, false, "digitalocean_token", 0.97, "DigitalOcean OAuth token"),
            new Format("dor_v1_", 64, 64, Alphabet.HEX, false, "digitalocean_token", 0.97,
                    "DigitalOcean refresh token"),
            new Format("shpat_", 32, 32, Alphabet.HEX, false, "shopify_token", 0.97, "Shopify admin API access token"),
            new Format("shpca_", 32, 32, Alphabet.HEX, false, "shopify_token", 0.97, "Shopify custom app token"),
            new Format("shppa_", 32, 32, Alphabet.HEX, false, "shopify_token", 0.97, "Shopify private app password"),
            new Format("shpss_", 32, 32, Alphabet.HEX, false, "shopify_token", 0.97, "Shopify shared secret"),
            new Format("SK", 32, 32, Alphabet.HEX, false, "twilio_key", 0.9, "Twilio API key SID"),
            new Format("dapi", 32, 34, Alphabet.ANY_TOKEN, false, "databricks_token", 0.95,
                    "Databricks personal access token"),
            new Format("hf_", 34, 34, Alphabet.LETTERS, false, "huggingface_token", 0.95, "Hugging Face access token"),
            new Format("api_org_", 34, 34, Alphabet.LETTERS, false, "huggingface_token", 0.95,
                    "Hugging Face organisation token"),
            new Format("glpat-", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95, "GitLab personal access token"),
            new Format("gldt-", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95, "GitLab deploy token"),
            new Format("glrt-", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95,
                    "GitLab runner authentication token"),
            new Format("glrtr-", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95, "GitLab runner token"),
            new Format("glptt-", 40, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95,
                    "GitLab pipeline trigger token"),
            new Format("glcbt-", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95, "GitLab CI/CD job token"),
            new Format("glft-", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.9, "GitLab feed token"),
            new Format("glimt-", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.9, "GitLab incoming mail token"),
            new Format("glagent-", 50, 120, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95, "GitLab agent token"),
            new Format("gloas-", 64, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95,
                    "GitLab OAuth application secret"),
            new Format("glsoat-", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95, "GitLab SCIM token"),
            new Format("glffct-", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.9,
                    "GitLab feature-flags client token"),
            new Format("GR1348941", 20, 80, Alphabet.ANY_TOKEN, false, "gitlab_token", 0.95,
                    "GitLab runner registration token"),
            new Format("xapp-", 30, 200, Alphabet.ANY_TOKEN, false, "slack_token", 0.95, "Slack app-level token"),
            new Format("xoxe.xox", 30, 300, Alphabet.ANY_TOKEN, false, "slack_token", 0.95,
                    "Slack configuration (rotating) token"),
            new Format("xoxe-", 30, 300, Alphabet.ANY_TOKEN, false, "slack_token", 0.95, "Slack refresh token"),
            new Format("PMAK-", 59, 59, Alphabet.ANY_TOKEN, false, "postman_key", 0.95, "Postman API key"),
            new Format("glsa_", 41, 41, Alphabet.ANY_TOKEN, false, "grafana_token", 0.95,
                    "Grafana service account token"),
            new Format("glc_", 32, 400, Alphabet.ANY_TOKEN, false, "grafana_token", 0.9, "Grafana Cloud token"),
            new Format("lin_api_", 40, 40, Alphabet.BASE62, false, "linear_key", 0.95, "Linear API key"),
            new Format("key-", 32, 32, Alphabet.HEX, false, "mailgun_key", 0.85, "Mailgun API key"),
            new Format("AGE-SECRET-KEY-1", 58, 58, Alphabet.BECH32_UPPER, false, "age_secret_key", 0.99,
                    "age encryption secret key"),
            new Format("NRAK-", 27, 27, Alphabet.UPPER_ALNUM, false, "newrelic_key", 0.95, "New Relic user API key"),
            new Format("hvs.", 24, 200, Alphabet.ANY_TOKEN, false, "vault_token", 0.95, "HashiCorp Vault service token"),
            new Format("hvb.", 100, 400, Alphabet.ANY_TOKEN, false, "vault_token", 0.95, "HashiCorp Vault batch token"),
            new Format("pul-", 40, 40, Alphabet.HEX, false, "pulumi_token", 0.95, "Pulumi access token"),
            new Format("sntrys_", 60, 400, Alphabet.ANY_TOKEN, false, "sentry_token", 0.95, "Sentry auth token"),
            new Format("dp.pt.", 43, 43, Alphabet.BASE62, false, "doppler_token", 0.95, "Doppler personal token"),
            new Format("dp.st.", 40, 80, Alphabet.ANY_TOKEN, false, "doppler_token", 0.95, "Doppler service token"),
            new Format("sbp_", 40, 40, Alphabet.HEX, false, "supabase_token", 0.95, "Supabase access token"),
            new Format("dckr_pat_", 27, 40, Alphabet.BASE64URL, false, "docker_hub_token", 0.95,
                    "Docker Hub personal access token"),
            new Format("rubygems_", 48, 48, Alphabet.HEX, false, "rubygems_key", 0.95, "RubyGems API key"),
            new Format("sq0atp-", 22, 22, Alphabet.BASE64URL, false, "square_token", 0.95, "Square access token"),
            new Format("sq0csp-", 43, 43, Alphabet.BASE64URL, false, "square_token", 0.95, "Square OAuth secret"),
            new Format("pscale_tkn_", 32, 64, Alphabet.BASE64URL, false, "planetscale_token", 0.95,
                    "PlanetScale service token"),
            new Format("pscale_pw_", 32, 64, Alphabet.BASE64URL, false, "planetscale_token", 0.95,
                    "PlanetScale database password"),
            new Format("figd_", 40, 40, Alphabet.BASE64URL, false, "figma_token", 0.9, "Figma personal access token"),
            new Format("ATATT3", 180, 200, Alphabet.ANY_TOKEN, false, "atlassian_token", 0.95, "Atlassian API token"),
            new Format("LTAI", 20, 20, Alphabet.BASE62, false, "alibaba_key", 0.9, "Alibaba Cloud AccessKey id"));

    private static final Map<Character, List<Format>> BY_FIRST = new HashMap<>();

    static {
        for (Format f : FORMATS) {
            BY_FIRST.computeIfAbsent(f.prefix().charAt(0), k -> new ArrayList<>()).add(f);
        }
    }

    private ProviderTokens() {
    }

    /** The format {@code t} has, or null; the longest matching prefix wins. */
    static Match match(String t) {
        List<Format> candidates = BY_FIRST.get(t.charAt(0));
        if (candidates == null) {
            return null;
        }
        Format best = null;
        for (Format f : candidates) {
            if (t.startsWith(f.prefix()) && fits(t, f) && (best == null || f.prefix().length() > best.prefix().length())) {
                best = f;
            }
        }
        if (best == null) {
            return null;
        }
        return new Match(best, best.crc() && !crcHolds(t.substring(best.prefix().length())));
    }

    private static boolean fits(String t, Format f) {
        int body = t.length() - f.prefix().length();
        if (body < f.minBody() || body > f.maxBody()) {
            return false;
        }
        for (int i = f.prefix().length(); i < t.length(); i++) {
            if (!f.alphabet().accepts(t.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** GitHub's and npm's scheme: the last 6 chars are the base62 CRC32 of the body before them. */
    static boolean crcHolds(String body) {
        if (body.length() <= 6) {
            return false;
        }
        CRC32 crc = new CRC32();
        String entropy = body.substring(0, body.length() - 6);
        for (int i = 0; i < entropy.length(); i++) {
            crc.update(entropy.charAt(i));
        }
        return base62(crc.getValue(), 6).equals(body.substring(body.length() - 6));
    }

    static String base62(long value, int width) {
        char[] out = new char[width];
        long v = value;
        for (int i = width - 1; i >= 0; i--) {
            out[i] = B62.charAt((int) (v % 62));
            v /= 62;
        }
        return v == 0 ? new String(out) : "";
    }
}
