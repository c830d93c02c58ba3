package dev.aiguardian.gateway.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.aiguardian.config.RotatingSecrets;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">}, so that
 * receivers verify with any of the spec's libraries. While a rotated {@code WEBHOOK_SECRET} is in its grace
 * period the header carries one signature per accepted secret, space-separated, as the spec allows, so that
 * receivers still on the old secret and those already on the new one both verify.
 */
public final class WebhookSigner {
    private final Supplier<List<byte[]>> keys;

    public WebhookSigner(byte[] secret) {
        byte[] copy = secret.clone();
        this.keys = () -> List.of(copy);
    }

    private WebhookSigner(Supplier<List<byte[]>> keys) {
        this.keys = keys;
    }

    /** Signs with every accepted value of {@link CallbackConfig#WEBHOOK_SECRET}, read at each signature. */
    public static WebhookSigner rotating(RotatingSecrets secrets) {
        return new WebhookSigner(() -> {
            List<byte[]> keys = new ArrayList<>();
            for (String s : secrets.accepted(CallbackConfig.WEBHOOK_SECRET)) {
                // Rotated values passed CallbackConfig's checks before they were accepted.
                keys.add(CallbackConfig.key(s));
            }
            return keys;
        });
    }

    /** The {@code webhook-signature} header's value: the current secret's signature first. */
    public String sign(String messageId, long timestampSeconds, String body) {
        byte[] content = (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        List<byte[]> all = keys.get();
        if (all.isEmpty()) {
            throw new IllegalStateException("callbacks need WEBHOOK_SECRET");
        }
        StringBuilder header = new StringBuilder();
        for (byte[] key : all) {
            header.append(header.length() == 0 ? "" : " ").append("v1,").append(hmac(key, content));
        }
        return header.toString();
    }

    private static String hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
