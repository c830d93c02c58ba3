package dev.aiguardian.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;

/**
 * One client connection kept open across requests, for what the edge does to connections: answers
 * written before any request (408, 503), connections the server closes, bytes trickled one at a time.
 */
final class EdgeSocket implements AutoCloseable {
    /** A response; status -1 when the server closed the connection without one. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private EdgeSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}; reads give up after {@code readTimeoutMs} (a safety net, not an assertion). */
    static EdgeSocket open(int port, int readTimeoutMs) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(readTimeoutMs);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return new EdgeSocket(s);
    }

    /** The same over TLS, trusting what {@code tls} trusts. */
    static EdgeSocket openTls(SSLContext tls, int port, int readTimeoutMs) throws IOException {
        Socket s = tls.getSocketFactory().createSocket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(readTimeoutMs);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        return new EdgeSocket(s);
    }

    EdgeSocket send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Sends one byte; false when the server has closed the connection. */
    boolean trickle(byte b) {
        try {
            out.write(b);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Response read() throws IOException {
        String status = line();
        if (status == null) {
            return new Response(-1, Map.of(), "");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    /** Whether the server closed the connection (end of stream or reset) before the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        try {
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    String s = b.toString(StandardCharsets.ISO_8859_1);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                b.write(c);
            }
        } catch (SocketException e) {
            return null; // reset before anything came
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
