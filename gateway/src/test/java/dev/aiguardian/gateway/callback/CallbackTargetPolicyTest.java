package dev.aiguardian.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CallbackTargetPolicyTest {
    // Name resolution stands in for DNS: which addresses a name points at is the point of the test.
    private static final Map<String, String[]> DNS = Map.of(
            "hooks.example.com", new String[] {"93.184.216.34"},
            "sneaky.example.com", new String[] {"93.184.216.34", "10.0.0.5"},
            "metadata.internal", new String[] {"169.254.169.254"},
            "localhost", new String[] {"127.0.0.1"});

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] ips = DNS.get(host);
        if (ips == null) {
            // literals resolve to themselves, as with InetAddress.getAllByName
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            out[i] = InetAddress.getByName(ips[i]);
        }
        return out;
    }

    private final CallbackTargetPolicy strict = new CallbackTargetPolicy(List.of(), CallbackTargetPolicyTest::resolve);

    @Test
    void publicTargetsAreAllowed() {
        assertThat(strict.check(URI.create("https://hooks.example.com/guard")).allowed()).isTrue();
    }

    @Test
    void internalTargetsAreRefusedByTheirResolvedAddress() {
        for (String url : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x",
                "http://172.16.0.1/x", "http://192.168.1.1/x", "http://169.254.169.254/latest/meta-data/",
                "http://metadata.internal/x", "http://100.100.100.200/x", "http://0.0.0.0/x", "http://[::1]/x",
                "http://[fd00:ec2::254]/x", "http://[fe80::1]/x", "http://[::ffff:127.0.0.1]/x",
                "http://224.0.0.1/x")) {
            CallbackTargetPolicy.Verdict v = strict.check(URI.create(url));
            assertThat(v.allowed()).as(url).isFalse();
            assertThat(v.refusal()).as(url).contains("CALLBACK_ALLOWED_HOSTS");
        }
    }

    @Test
    void oneInternalAddressAmongPublicOnesIsEnoughToRefuse() {
        assertThat(strict.check(URI.create("https://sneaky.example.com/x")).refusal()).contains("private");
    }

    @Test
    void theAllowListExemptsAHost() {
        CallbackTargetPolicy dev = new CallbackTargetPolicy(List.of("127.0.0.1", "LOCALHOST"),
                CallbackTargetPolicyTest::resolve);
        assertThat(dev.check(URI.create("http://127.0.0.1:18081/hook")).allowed()).isTrue();
        assertThat(dev.check(URI.create("http://localhost:18081/hook")).allowed()).isTrue();
        assertThat(dev.check(URI.create("http://10.0.0.1/hook")).allowed()).isFalse();
    }

    @Test
    void badFormsAndUnknownHostsAreRefused() {
        assertThat(strict.check(URI.create("ftp://hooks.example.com/x")).refusal()).contains("http or https");
        assertThat(strict.check(URI.create("https://user:pw@hooks.example.com/x")).refusal()).contains("credentials");
        assertThat(strict.check(URI.create("https://nowhere.invalid/x")).refusal()).contains("does not resolve");
    }

    @Test
    void signaturesFollowStandardWebhooks() {
        // Vector computed independently: python3 -c "import hmac,hashlib,base64;
        // print(base64.b64encode(hmac.new(b'0123456789abcdef0123456789abcdef', b'msg_1.1700000000.{}', hashlib.sha256).digest()))"
        WebhookSigner signer = new WebhookSigner("0123456789abcdef0123456789abcdef".getBytes());
        assertThat(signer.sign("msg_1", 1700000000L, "{}")).isEqualTo("v1,2c4VI0bO4Wd5svqP2unEA9pCk0dTAXr/elrHCJ+/efk=");
        assertThat(signer.sign("msg_1", 1700000001L, "{}")).isNotEqualTo(signer.sign("msg_1", 1700000000L, "{}"));
    }
}
