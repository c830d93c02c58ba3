package dev.aiguardian.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            postgresql://app:s3cret@db:5432/jobs                     | postgresql://app:***@db:5432/jobs
            redis://:s3cret@cache:6379/0                             | redis://:***@cache:6379/0
            rediss://default:s3cret@cache:6380                       | rediss://default:***@cache:6380
            redis://cache:6379/0                                     | redis://cache:6379/0
            postgresql://app@db/jobs                                 | postgresql://app@db/jobs
            `postgresql://app:has space@db/jobs`                     | postgresql://app:***@db/jobs
            postgresql://app:p@ss/w@rd@db:5432/jobs                  | postgresql://app:***@db:5432/jobs
            postgresql+asyncpg://app:s3cret@db/jobs                  | postgresql+asyncpg://app:***@db/jobs
            `DATABASE_URL='postgresql://app:s3cret@db/jobs': no`     | `DATABASE_URL='postgresql://app:***@db/jobs': no`
            `jobs in postgresql://app:s3cret@db/jobs, keys in redis://:pw2@r:6379` | `jobs in postgresql://app:***@db/jobs, keys in redis://:***@r:6379`
            `postgresql://db/jobs?user=app&password=s3cret&ssl=true` | `postgresql://db/jobs?user=app&password=***&ssl=true`
            `PlainLoginModule required username="k" password="s3cret";` | `PlainLoginModule required username="k" password="***";`
            `ssl.truststore.password=s3cret`                         | `ssl.truststore.password=***`
            `KAFKA_CLIENT_SSL_KEY_PASSWORD=s3cret`                   | `KAFKA_CLIENT_SSL_KEY_PASSWORD=***`
            `{"password":"s3cret","user":"u"}`                      | `{"password":"***","user":"u"}`
            `Authorization: Bearer abc.def-ghi`                      | `Authorization: Bearer ***`
            `X-API-Key: abcdef0123`                                  | `X-API-Key: ***`
            `Send the key as 'X-API-Key: <key>'`                    | `Send the key as 'X-API-Key: <key>'`
            `token_count: 5, max_tokens: 9`                          | `token_count: 5, max_tokens: 9`
            `Gateway listening on :8000, Kafka at 127.0.0.1:9092`    | `Gateway listening on :8000, Kafka at 127.0.0.1:9092`
            https://hooks.example.com/guard                          | https://hooks.example.com/guard
            """)
    void hidesSecretsAndLeavesTheRest(String text, String expected) {
        assertThat(Redaction.redact(text)).isEqualTo(expected);
        assertThat(Redaction.redact(expected)).as("idempotent").isEqualTo(expected);
    }

    @Test
    void learntSecretValuesAreMaskedWhereverTheyAppear() {
        Redaction.learn(Map.of("SECRET_KEY", "learnt-secret-key-0123456789-abcdef", "WEBHOOK_SECRET", "whsec_bGVhcm50",
                "SERVICE_NAME", "aiguardian-public", "DATABASE_URL", "postgresql://u:Learnt Pw@db/x",
                "LOG_LEVEL", "DEBUG"));
        assertThat(Redaction.redact("key learnt-secret-key-0123456789-abcdef in a line")).isEqualTo("key *** in a line");
        assertThat(Redaction.redact("signing with whsec_bGVhcm50")).isEqualTo("signing with ***");
        assertThat(Redaction.redact("quoted 'Learnt Pw' alone")).isEqualTo("quoted '***' alone");
        // A URL no parser takes, quoted whole in a library's message: its password was learnt from the environment.
        assertThat(Redaction.redact("Illegal character in authority at index 21: postgresql://u:Learnt Pw@db/x"))
                .isEqualTo("Illegal character in authority at index 21: postgresql://u:***@db/x");
        assertThat(Redaction.redact("service aiguardian-public at DEBUG")).isEqualTo("service aiguardian-public at DEBUG");
    }

    @Test
    void whereASecretLivesIsNoSecret() {
        Redaction.learn(Map.of("AWS_SECRETS_NAME", "codeguardians-gateway/where-it-lives",
                "API_KEYS_FILE", "/etc/aiguardian/tenant-keys.json"));
        assertThat(Redaction.redact("secret codeguardians-gateway/where-it-lives from /etc/aiguardian/tenant-keys.json"))
                .isEqualTo("secret codeguardians-gateway/where-it-lives from /etc/aiguardian/tenant-keys.json");
        String arn = "grant on arn:aws:secretsmanager:us-east-1:123456789012:secret:codeguardians-gateway/prod*";
        assertThat(Redaction.redact(arn)).isEqualTo(arn);
    }
}
