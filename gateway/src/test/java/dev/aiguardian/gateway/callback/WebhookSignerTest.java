package dev.aiguardian.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.aiguardian.config.RotatingSecrets;

/** Signing with a rotating WEBHOOK_SECRET: one signature per accepted secret, the current one first. */
class WebhookSignerTest {
    // Vectors computed independently: python3 -c "import hmac,hashlib,base64;
    // print(base64.b64encode(hmac.new(KEY, b'msg_1.1700000000.{}', hashlib.sha256).digest()))"
    private static final String OLD = "whsec_MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 0123456789abcdef…
    private static final String OLD_SIG = "v1,2c4VI0bO4Wd5svqP2unEA9pCk0dTAXr/elrHCJ+/efk=";
    private static final String NEW = "whsec_ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="; // fedcba9876543210…
    private static final String NEW_SIG = "v1,xxE0sp5Qd/0EK4RQpu9xeuskNMtW84BaOZLamneBcDc=";

    @Test
    void duringTheGraceBothSignaturesAreSentSpaceSeparatedAndEachVerifiesWithItsOwnSecret() {
        List<String> accepted = new ArrayList<>(List.of(OLD));
        RotatingSecrets secrets = name -> CallbackConfig.WEBHOOK_SECRET.equals(name) ? List.copyOf(accepted) : List.of();
        WebhookSigner signer = WebhookSigner.rotating(secrets);
        assertThat(signer.sign("msg_1", 1700000000L, "{}")).isEqualTo(OLD_SIG);

        accepted.add(0, NEW); // rotated: the new one is current, the old one in its grace period
        String header = signer.sign("msg_1", 1700000000L, "{}");
        assertThat(header).isEqualTo(NEW_SIG + " " + OLD_SIG);
        // What a Standard Webhooks receiver does: split on spaces, accept when any v1 entry matches its secret.
        assertThat(header.split(" ")).contains(OLD_SIG).contains(NEW_SIG);

        accepted.remove(OLD); // the grace period is over
        assertThat(signer.sign("msg_1", 1700000000L, "{}")).isEqualTo(NEW_SIG);
    }

    @Test
    void noSecretIsABugNotAnUnsignedCallback() {
        WebhookSigner signer = WebhookSigner.rotating(name -> List.of());
        assertThatThrownBy(() -> signer.sign("msg_1", 1L, "{}")).isInstanceOf(IllegalStateException.class);
    }
}
