package dev.aiguardian.gateway.callback;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way of writing an internal address that a URL parser, the JDK or the network reads differently
 * from how it looks: IPv6 addresses carrying an IPv4 one, and numeric IPv4 hosts that parsers disagree
 * on. Literals only, resolved by the JDK itself (no DNS), as in production.
 */
class CallbackAddressFormsTest {
    private final CallbackTargetPolicy policy = new CallbackTargetPolicy(List.of(), InetAddress::getAllByName);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # url                                            | refused with (empty: allowed)
            http://[::ffff:127.0.0.1]/hook                   | loopback
            http://[::ffff:7f00:1]/hook                      | loopback
            http://[::ffff:10.0.0.5]/hook                    | private
            http://[::ffff:169.254.169.254]/hook             | link-local
            http://[::127.0.0.1]/hook                        | IPv4-compatible form of a loopback
            http://[::10.1.2.3]/hook                         | IPv4-compatible form of a private
            http://[::169.254.169.254]/hook                  | IPv4-compatible form of a link-local
            http://[64:ff9b::7f00:1]/hook                    | NAT64 form of a loopback
            http://[64:ff9b::127.0.0.1]/hook                 | NAT64 form of a loopback
            http://[64:ff9b::a9fe:a9fe]/hook                 | NAT64 form of a link-local
            http://[64:ff9b::c0a8:101]/hook                  | NAT64 form of a private
            http://[64:ff9b:1::5db8:d70e]/hook               | local-use NAT64
            http://[64:ff9b:1:ab::1]/hook                    | local-use NAT64
            http://[2002:7f00:1::]/hook                      | 6to4 form of a loopback
            http://[2002:a00:5::1]/hook                      | 6to4 form of a private
            http://[2002:a9fe:a9fe::]/hook                   | 6to4 form of a link-local
            http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook | Teredo client form of a loopback
            http://[2001:0:4136:e378:8000:63bf:f5ff:fffa]/hook | Teredo client form of a private
            http://[2001:0:a00:1:8000:63bf:3fff:fdd2]/hook   | Teredo server form of a private
            http://0177.0.0.1/hook                           | numeric address in a form URL parsers read differently
            http://0x7f.1/hook                               | numeric address in a form URL parsers read differently
            http://0x7f000001/hook                           | numeric address in a form URL parsers read differently
            http://2130706433/hook                           | numeric address in a form URL parsers read differently
            http://127.1/hook                                | numeric address in a form URL parsers read differently
            http://127.0.1/hook                              | numeric address in a form URL parsers read differently
            http://0x7f.0.0.1/hook                           | numeric address in a form URL parsers read differently
            http://0177.0x0.0.01/hook                        | numeric address in a form URL parsers read differently
            http://0251.0376.0251.0376/hook                  | numeric address in a form URL parsers read differently
            http://1.2.3.4.5/hook                            | numeric address in a form URL parsers read differently
            http://93.184.215.014/hook                       | numeric address in a form URL parsers read differently
            http://127.0.0.1./hook                           | numeric address in a form URL parsers read differently
            http://example.0x10/hook                         | numeric address in a form URL parsers read differently
            http://[::]/hook                                 | unspecified
            http://[::1]/hook                                | loopback
            http://93.184.215.14/hook                        |
            https://93.184.215.14:8443/hook                  |
            http://[2606:4700::1111]/hook                    |
            http://[2606:4700:4700::1001]/hook               |
            http://[::ffff:93.184.215.14]/hook               |
            http://[64:ff9b::5db8:d70e]/hook                 |
            http://[2002:5db8:d70e::1]/hook                  |
            http://[2001:0:4136:e378:8000:63bf:a247:28f1]/hook |
            http://1.1.1.1/hook                              |
            http://255.255.255.255/hook                      | reserved
            """)
    void eachFormIsJudgedByTheAddressItReaches(String url, String refusal) {
        CallbackTargetPolicy.Verdict v = policy.check(URI.create(url));
        if (refusal == null) {
            assertThat(v.allowed()).as("%s: %s", url, v.refusal()).isTrue();
        } else {
            assertThat(v.allowed()).as(url).isFalse();
            assertThat(v.refusal()).as(url).contains(refusal);
        }
    }
}
