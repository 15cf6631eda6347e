package io.ordersync.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 POSTs written on a plain socket, for what an HTTP client library will not send: a declared body that never
 * comes, a body of hundreds of megabytes generated as it is sent (never held), a chunked body. The answer is read
 * while the body is still being sent, so a server that answers before reading the body is seen doing so.
 */
final class RawHttp {

    private static final byte[] FILLER = new byte[64 * 1024];

    static {
        Arrays.fill(FILLER, (byte) 'a');
    }

    /** What came back: status (0: none), headers (lower-case names), body, and what was sent before it. */
    record Answer(int status, Map<String, String> headers, String body, long bodyBytesSent, long millis,
                  String failure) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return "HTTP " + status + " after " + millis + " ms, " + bodyBytesSent + " body bytes sent"
                    + (failure == null ? "" : " (" + failure + ")") + ": " + body;
        }
    }

    /** How the body goes: its declared length (or chunked), how much is really sent, and from what. */
    record Body(long declaredLength, boolean chunked, long bytesToSend, InputStream source, long pauseEveryMillis,
                boolean abandon) {

        Body(long declaredLength, boolean chunked, long bytesToSend, InputStream source, long pauseEveryMillis) {
            this(declaredLength, chunked, bytesToSend, source, pauseEveryMillis, false);
        }

        /** Declares {@code declared} bytes, sends {@code sent} of them and closes the connection without an answer. */
        static Body abandoned(long declared, long sent) {
            return new Body(declared, false, sent, null, 0, true);
        }

        /** Declares {@code declared} bytes and sends none. */
        static Body declaredOnly(long declared) {
            return new Body(declared, false, 0, null, 0);
        }

        /** Declares and sends {@code bytes} filler bytes. */
        static Body filler(long bytes) {
            return new Body(bytes, false, bytes, null, 0);
        }

        /** Sends {@code bytes} filler bytes chunked (no declared length). */
        static Body chunkedFiller(long bytes) {
            return new Body(-1, true, bytes, null, 0);
        }

        /** Declares and sends the given bytes, pausing {@code pauseEveryMillis} after each 1 MiB (0: no pause). */
        static Body of(byte[] bytes, long pauseEveryMillis) {
            return new Body(bytes.length, false, bytes.length, new java.io.ByteArrayInputStream(bytes),
                    pauseEveryMillis);
        }
    }

    private RawHttp() {
    }

    /**
     * POSTs to {@code path} and returns the answer; gives up on an answer after {@code answerWithin}. A server that
     * closes the connection while the body is being sent ends the sending, not the test.
     */
    static Answer post(String host, int port, String path, Map<String, String> headers, Body body,
                       java.time.Duration answerWithin) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout((int) answerWithin.toMillis());
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                    .append(':').append(port).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body.chunked()) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else {
                head.append("Content-Length: ").append(body.declaredLength()).append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // once answered, the connection is closed: a write blocked on a server that stopped reading ends at once
            CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> {
                Answer got = read(socket, started);
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing is all that is wanted
                }
                return got;
            });
            long sent = 0;
            String failure = null;
            try {
                byte[] buffer = new byte[FILLER.length];
                long sincePause = 0;
                while (sent < body.bytesToSend() && !answer.isDone()) {
                    int n = (int) Math.min(FILLER.length, body.bytesToSend() - sent);
                    byte[] chunk = FILLER;
                    if (body.source() != null) {
                        n = body.source().read(buffer, 0, n);
                        if (n < 0) {
                            break;
                        }
                        chunk = buffer;
                    }
                    if (body.chunked()) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write(chunk, 0, n);
                    if (body.chunked()) {
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    sent += n;
                    sincePause += n;
                    if (body.pauseEveryMillis() > 0 && sincePause >= 1024 * 1024) {
                        sincePause = 0;
                        Thread.sleep(body.pauseEveryMillis());
                    }
                }
                if (body.chunked() && sent >= body.bytesToSend() && !answer.isDone()) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.flush();
            } catch (IOException closedByServer) {
                failure = "sending stopped: " + closedByServer.getMessage();
            }
            if (body.abandon()) {
                socket.close();
                answer.handle((ignored, failed) -> null).get(answerWithin.toMillis() + 1000, TimeUnit.MILLISECONDS);
                return new Answer(0, Map.of(), "", sent, millis(started), "abandoned by the client");
            }
            Answer got = answer.get(answerWithin.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Answer(got.status(), got.headers(), got.body(), sent, got.millis(),
                    got.failure() != null ? got.failure() : failure);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("no answer from " + path, e);
        }
    }

    private static Answer read(Socket socket, long started) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                // skip interim answers (100 Continue)
                String text = received.toString(StandardCharsets.UTF_8);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0 && text.startsWith("HTTP/1.1 100")) {
                    byte[] rest = Arrays.copyOfRange(received.toByteArray(), end + 4, received.size());
                    received.reset();
                    received.write(rest);
                    continue;
                }
                if (end >= 0) {
                    Map<String, String> headers = headers(text.substring(0, end));
                    String length = headers.get("content-length");
                    int bodyLength = length == null ? -1 : Integer.parseInt(length.trim());
                    if (bodyLength >= 0 && received.size() >= end + 4 + bodyLength) {
                        return answer(received, end, headers, bodyLength, started, null);
                    }
                    if (bodyLength < 0 && "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                            && text.endsWith("0\r\n\r\n")) {
                        return answer(received, end, headers, -1, started, null);
                    }
                }
                int n = in.read(buffer);
                if (n < 0) {
                    return end >= 0 ? answer(received, end, headers(text.substring(0, end)), -1, started, null)
                            : new Answer(0, Map.of(), text, 0, millis(started), "closed without an answer");
                }
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return new Answer(0, Map.of(), received.toString(StandardCharsets.UTF_8), 0, millis(started),
                    "no answer in time");
        } catch (IOException e) {
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            return end >= 0 ? answer(received, end, headers(text.substring(0, end)), -1, started, e.getMessage())
                    : new Answer(0, Map.of(), text, 0, millis(started), e.toString());
        }
    }

    private static Answer answer(ByteArrayOutputStream received, int end, Map<String, String> headers,
                                 int bodyLength, long started, String failure) {
        String all = received.toString(StandardCharsets.UTF_8);
        String statusLine = all.substring(0, all.indexOf("\r\n"));
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        byte[] bytes = received.toByteArray();
        int to = bodyLength < 0 ? bytes.length : Math.min(bytes.length, end + 4 + bodyLength);
        String body = new String(bytes, end + 4, to - end - 4, StandardCharsets.UTF_8);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Answer(status, headers, body, 0, millis(started), failure);
    }

    /** The content of a chunked body (sizes and CRLFs removed). */
    private static String dechunk(String chunked) {
        StringBuilder content = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            // sizes count bytes; the answers read here are ASCII JSON or XML
            content.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return content.toString();
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static long millis(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
