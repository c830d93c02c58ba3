package dev.aiguardian.gateway.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a request comes from, for per-address limits and lockout. Behind a load balancer every
 * connection comes from the balancer, so when the peer is one of {@code TRUSTED_PROXIES} the client is
 * the right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy (entries further left
 * are whatever the client chose to send). Never from a header when the peer is not trusted.
 */
public final class ClientAddress {
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

    private final List<Network> trusted;

    /** An address block: the address's first {@code bits} bits. */
    private record Network(byte[] address, int bits) {
        boolean contains(byte[] ip) {
            if (ip.length != address.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((ip[i / 8] & mask) != (address[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private ClientAddress(List<Network> trusted) {
        this.trusted = trusted;
    }

    /** Throws {@link IllegalArgumentException} naming the entry that is no address or block. */
    public static ClientAddress trusting(List<String> proxies) {
        List<Network> nets = new ArrayList<>();
        for (String p : proxies) {
            String[] parts = p.split("/", 2);
            byte[] ip = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException("'" + p
                    + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8, 172.18.0.5, fd00::/8)"));
            int bits = ip.length * 8;
            if (parts.length == 2) {
                try {
                    bits = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > ip.length * 8) {
                    throw new IllegalArgumentException("'" + p + "' has a prefix length outside 0-" + ip.length * 8);
                }
            }
            nets.add(new Network(ip, bits));
        }
        return new ClientAddress(List.copyOf(nets));
    }

    /** The client of a request whose TCP peer is {@code peer}, with the given X-Forwarded-For header values. */
    public String of(String peer, List<String> forwardedFor) {
        if (trusted.isEmpty() || peer == null || !isTrusted(peer)) {
            return peer == null ? "unknown" : peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop).isEmpty()) {
                // A hop that is no address cannot be matched against anything: stop at the last one we could trust.
                return peer;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String ip) {
        Optional<byte[]> bytes = literal(ip);
        return bytes.isPresent() && trusted.stream().anyMatch(n -> n.contains(bytes.get()));
    }

    // Only literals: InetAddress.getByName would look a name up in DNS.
    private static Optional<byte[]> literal(String s) {
        String v = s.trim();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        if (!IPV4.matcher(v).matches() && !(v.contains(":") && v.matches("^[0-9A-Fa-f:.]+$"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(v).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
