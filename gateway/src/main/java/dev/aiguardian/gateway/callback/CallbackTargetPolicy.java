package dev.aiguardian.gateway.callback;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses callback targets that would let a caller reach inside our network (SSRF): loopback,
 * private, link-local, cloud metadata, unique-local, multicast and unspecified addresses, unless the
 * host is on {@code CALLBACK_ALLOWED_HOSTS}. It checks the addresses the name resolves to, not the
 * name, so {@code http://metadata.internal} or a DNS name pointing at 10.0.0.5 is refused too.
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

    private final List<String> allowedHosts;
    private final Resolver resolver;

    public CallbackTargetPolicy(List<String> allowedHosts, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.resolver = resolver;
    }

    /** Checks the URL's form only: scheme, host, no credentials. Cheap; use before accepting a request. */
    public Optional<String> formProblem(URI url) {
        if (url.getScheme() == null || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            return Optional.of("callback_url must be an http or https URL");
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            return Optional.of("callback_url has no host");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("callback_url must not carry credentials");
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
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local (private)";
            }
            // IPv4-mapped (::ffff:a.b.c.d): judge the IPv4 address inside.
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
        }
        return null;
    }
}
