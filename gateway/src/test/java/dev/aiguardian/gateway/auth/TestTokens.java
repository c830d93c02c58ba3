package dev.aiguardian.gateway.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.aiguardian.schemas.Json;

/** JWTs minted in tests with plain JCA, independent of the library the gateway verifies them with. */
public final class TestTokens {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private TestTokens() {
    }

    public static ObjectNode claims(String sub, String scope, long expInSeconds) {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode c = Json.mapper().createObjectNode();
        c.put("sub", sub);
        c.put("scope", scope);
        c.put("iat", now);
        c.put("exp", now + expInSeconds);
        return c;
    }

    public static String hs256(String secret, ObjectNode claims) {
        String signingInput = part("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + part(Json.toString(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unsecured JWS of RFC 7519 §6: {@code alg: none} and an empty signature. */
    public static String none(ObjectNode claims) {
        return part("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(Json.toString(claims)) + ".";
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(PrivateKey key, String kid, ObjectNode claims) {
        String signingInput = part("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "."
                + part(Json.toString(claims));
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWKS document holding the public half of {@code pair}. */
    public static String jwks(KeyPair pair, String kid) {
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        return "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\"" + kid + "\",\"n\":\""
                + B64.encodeToString(unsigned(pub.getModulus())) + "\",\"e\":\""
                + B64.encodeToString(unsigned(pub.getPublicExponent())) + "\"}]}";
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static String part(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
