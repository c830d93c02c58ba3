package dev.aiguardian.standalone;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send: broken chunked encoding,
 * bad header lines, unknown transfer codings, huge request lines. The response is read while the
 * request is still being written, so that an early answer (413 before the whole body is sent) is
 * seen rather than lost to a reset; a connection closed without any answer is reported as such.
 */
final class RawHttp implements AutoCloseable {
    /** What came back: status -1 when the server closed the connection (or went silent) without answering. */
    record Response(int status, Map<String, String> headers, byte[] body, boolean closesConnection, String failure) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean answered() {
            return status > 0;
        }
    }

    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private final int port;
    private final int timeoutMs;
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http-reader");
        t.setDaemon(true);
        return t;
    });
    private Socket socket;

    RawHttp(int port, int timeoutMs) {
        this.port = port;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Sends {@code pieces} (written one after the other, flushed each) and reads one response. The
     * connection is kept for the next call unless the server said it closes it or {@code reuse} is false.
     */
    Response exchange(List<byte[]> pieces, boolean head, boolean reuse) throws IOException {
        if (socket == null || socket.isClosed()) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMs);
            socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
        }
        Socket s = socket;
        CompletableFuture<Response> reply = CompletableFuture.supplyAsync(() -> read(s, head), readers);
        // Written on a thread of its own: a server that stops reading (it answered early) blocks a
        // socket write forever, and writes know no timeout.
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = s.getOutputStream();
                for (byte[] piece : pieces) {
                    out.write(piece);
                    out.flush();
                }
            } catch (IOException e) {
                // The server may have answered and closed before reading everything: the reply says what happened.
            }
        }, readers);
        Response r;
        try {
            r = reply.get(timeoutMs + 5_000L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            r = new Response(-1, Map.of(), new byte[0], true, "no response: " + e);
        }
        if (!reuse || r.closesConnection() || !r.answered() || !written.isDone()) {
            closeSocket(); // also ends a write the server no longer reads
        }
        return r;
    }

    Response exchange(byte[] request, boolean head) throws IOException {
        return exchange(List.of(request), head, false);
    }

    private static Response read(Socket s, boolean head) {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                String statusLine = line(in);
                if (statusLine == null) {
                    return new Response(-1, Map.of(), new byte[0], true, "connection closed without a response");
                }
                String[] parts = statusLine.split(" ", 3);
                int status = Integer.parseInt(parts[1]);
                Map<String, String> headers = new LinkedHashMap<>();
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    int colon = h.indexOf(':');
                    headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(),
                            (a, b) -> a + ", " + b);
                }
                if (status >= 100 && status < 200) {
                    continue; // 100 Continue: the real answer follows
                }
                boolean close = "close".equalsIgnoreCase(headers.get("connection"));
                byte[] body;
                if (head || status == 204 || status == 304) {
                    body = new byte[0];
                } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    body = chunked(in);
                } else if (headers.containsKey("content-length")) {
                    body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
                } else {
                    body = in.readNBytes(MAX_RESPONSE_BYTES);
                    close = true;
                }
                return new Response(status, headers, body, close, null);
            }
        } catch (SocketTimeoutException e) {
            return new Response(-1, Map.of(), new byte[0], true, "no response within the timeout");
        } catch (IOException | RuntimeException e) {
            return new Response(-1, Map.of(), new byte[0], true, "unreadable response: " + e);
        }
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            if (size == null) {
                throw new IOException("chunked response cut short");
            }
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                for (String t = line(in); t != null && !t.isEmpty(); t = line(in)) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(n));
            line(in);
        }
    }

    /** One CRLF-terminated line, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
            if (b.size() > 64 * 1024) {
                throw new IOException("response line too long");
            }
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    /** A request head: request line, headers (name, value pairs), blank line. */
    static byte[] head(String requestLine, List<String[]> headers) {
        StringBuilder b = new StringBuilder(requestLine).append("\r\n");
        for (String[] h : headers) {
            b.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static List<String[]> headers(String... nameValues) {
        List<String[]> list = new ArrayList<>();
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            list.add(new String[] {nameValues[i], nameValues[i + 1]});
        }
        return list;
    }

    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
            socket = null;
        }
    }

    @Override
    public void close() {
        closeSocket();
        readers.shutdownNow();
    }
}
