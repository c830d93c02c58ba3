package dev.aiguardian.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * Checks made before a role starts its heavy parts, so that a port in use or a server that does not
 * answer ends start-up in seconds with one line, instead of a stack trace after a minute of retries.
 */
public final class Preflight {
    private Preflight() {
    }

    /** Fails when {@code host:port} cannot be bound now; {@code variable} is the setting that chose the port. */
    public static void portFree(String variable, String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new StartupException(variable + "=" + port + ": port " + port + " on " + host
                    + " is in use by another process; stop that process or choose another port with " + variable);
        }
    }

    /**
     * Fails when nothing accepts a TCP connection at the URL's host and port within {@code timeout}.
     * {@code shownUrl} must already be safe to print (no password).
     */
    public static void reachable(String variable, String shownUrl, URI url, int defaultPort, Duration timeout,
                                 String fix) {
        String host = url.getHost();
        int port = url.getPort() > 0 ? url.getPort() : defaultPort;
        if (host == null) {
            throw new StartupException(variable + "='" + shownUrl + "' names no host; " + fix);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        } catch (IOException e) {
            String why = e instanceof java.net.SocketTimeoutException ? "no answer within " + timeout.toSeconds() + " s"
                    : reason(e);
            throw new StartupException(variable + "='" + shownUrl + "': nothing answers at " + host + ":" + port
                    + " (" + why + "); " + fix);
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.toLowerCase(java.util.Locale.ROOT);
    }
}
