package dev.aiguardian.gateway.callback;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses callback targets that would let a caller reach inside our network (SSRF): loopback,
 * private, link-local, cloud metadata, unique-local, multicast and unspecified addresses, also when
 * an IPv6 address carries one of them inside (IPv4-mapped and -compatible, NAT64, 6to4, Teredo),
 * unless the host is on {@code CALLBACK_ALLOWED_HOSTS}. It checks the addresses the name resolves
 * to, not the name, so {@code http://metadata.internal} or a DNS name pointing at 10.0.0.5 is refused
 * too. Numeric hosts in forms that URL parsers read differently (octal {@code 0177.0.0.1}, hex
 * {@code 0x7f.1}, an integer, shortened {@code 127.1}) are refused outright rather than guessed at.
 */
public final class CallbackTargetPolicy {
    /** The outcome of a check: the address to connect to, or why not. */
    public record Verdict(Optional<InetAddress> address, String refusal) {
        public boolean allowed() {
            return address.isPresent();
        }
    }

    /** Resolves a host name; blocking, so callers run it off the event loop. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Four decimal parts, 0–255, no leading zeros: the only IPv4 form every parser reads the same way. */
    private static final Pattern CANONICAL_V4 = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    /** A label WHATWG's URL parser reads as a number (decimal, or hex with 0x); the last one makes the host IPv4. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");

    private final List<String> allowedHosts;
    private final Resolver resolver;

    public CallbackTargetPolicy(List<String> allowedHosts, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.resolver = resolver;
    }

    /** Checks the URL's form only: scheme, host, no credentials, no ambiguous number. Cheap; use before accepting. */
    public Optional<String> formProblem(URI url) {
        if (url.getScheme() == null || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            return Optional.of("callback_url must be an http or https URL");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("callback_url must not carry credentials");
        }
        // java.net.URI has no host for 127.1 or 0x7f.1 (it calls them registry names); say what is wrong with them.
        String host = url.getHost() != null ? url.getHost() : authorityHost(url);
        if (host == null || host.isEmpty()) {
            return Optional.of("callback_url has no host");
        }
        if (ambiguousNumber(host)) {
            return Optional.of("callback host " + host + " is a numeric address in a form URL parsers read"
                    + " differently (octal, hex, a single number or fewer than four parts); write it as four"
                    + " decimal parts, a.b.c.d");
        }
        if (url.getHost() == null) {
            return Optional.of("callback_url has no valid host");
        }
        return Optional.empty();
    }

    /** Resolves and checks the target; blocking (DNS). */
    public Verdict check(URI url) {
        Optional<String> form = formProblem(url);
        if (form.isPresent()) {
            return new Verdict(Optional.empty(), form.get());
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return new Verdict(Optional.empty(), "callback host " + host + " does not resolve");
        }
        if (addresses.length == 0) {
            return new Verdict(Optional.empty(), "callback host " + host + " does not resolve");
        }
        if (allowedHosts.contains(host)) {
            return new Verdict(Optional.of(addresses[0]), null);
        }
        // Every address must be public: a name with one private address among public ones is refused.
        for (InetAddress a : addresses) {
            String why = internal(a);
            if (why != null) {
                return new Verdict(Optional.empty(), "callback host " + host + " resolves to a " + why
                        + " address; list the host in CALLBACK_ALLOWED_HOSTS to allow it");
            }
        }
        return new Verdict(Optional.of(addresses[0]), null);
    }

    /**
     * Whether {@code host} would be read as an IPv4 address by a WHATWG URL parser (browsers, curl) but is
     * not in the canonical dotted-decimal form: then parsers disagree on which address it is
     * ({@code 0177.0.0.1} is 127.0.0.1 to curl and 177.0.0.1 to Java). A host is numeric when its last
     * label is a number, as WHATWG decides it; a trailing dot is dropped first.
     */
    static boolean ambiguousNumber(String host) {
        if (host.startsWith("[")) {
            return false; // IPv6 literals have one reading
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        if (!NUMERIC_LABEL.matcher(last).matches()) {
            return false; // a name, resolved by DNS and judged by its addresses
        }
        return !(h.equals(host) && CANONICAL_V4.matcher(h).matches());
    }

    private static String authorityHost(URI url) {
        String authority = url.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            return hostPort;
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    /** Why {@code a} is not a public address, or null when it is. */
    static String internal(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local (cloud metadata)";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 0 || first >= 240) {
                return "reserved";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
            return null;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local (private)";
            }
            return embeddedV4(b);
        }
        return null;
    }

    /**
     * IPv6 addresses that carry an IPv4 address, and reach it when routed or translated: judged by the
     * IPv4 address inside, so {@code [::ffff:127.0.0.1]}, {@code [64:ff9b::7f00:1]} or {@code [2002:7f00:1::]}
     * are as internal as 127.0.0.1.
     */
    private static String embeddedV4(byte[] b) {
        if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return inside("IPv4-mapped", b, 12, 0); // ::ffff:a.b.c.d
        }
        if (zero(b, 0, 12)) {
            return inside("IPv4-compatible", b, 12, 0); // ::a.b.c.d (deprecated, still routed by some stacks)
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x0064 && w1 == 0xff9b && zero(b, 4, 12)) {
            return inside("NAT64", b, 12, 0); // 64:ff9b::/96, RFC 6052
        }
        if (w0 == 0x0064 && w1 == 0xff9b && word(b, 4) == 0x0001) {
            // 64:ff9b:1::/48 (RFC 8215) is for local translators, whose prefix length (and so where the IPv4
            // address sits) only the local network knows: always internal.
            return "local-use NAT64 (private)";
        }
        if (w0 == 0x2002) {
            return inside("6to4", b, 2, 0); // 2002:AABB:CCDD::/48
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            // Teredo (RFC 4380): the client's IPv4 address is the last 32 bits, inverted; the server's follows
            // the prefix.
            String client = inside("Teredo client", b, 12, 0xff);
            return client != null ? client : inside("Teredo server", b, 4, 0);
        }
        return null;
    }

    private static String inside(String kind, byte[] b, int offset, int xor) {
        byte[] v4 = new byte[4];
        for (int i = 0; i < 4; i++) {
            v4[i] = (byte) (b[offset + i] ^ xor);
        }
        try {
            String why = internal(InetAddress.getByAddress(v4));
            return why == null ? null : kind + " form of a " + why;
        } catch (UnknownHostException e) {
            return "malformed";
        }
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int word(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
