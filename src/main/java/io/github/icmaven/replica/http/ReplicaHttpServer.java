package io.github.icmaven.replica.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.auth.EnvelopeVerifier;
import io.github.icmaven.replica.auth.InvalidRequestException;
import io.github.icmaven.replica.auth.VerifiedRequest;
import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;
import io.github.icmaven.cbor.CborTag;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The replica's HTTP interface ({@code /api/v2,v3,v4}): routing, body limits, envelope checks, and
 * the spec's response shapes and HTTP errors. What a request does is up to {@link ReplicaEndpoints}.
 */
public final class ReplicaHttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReplicaHttpServer.class.getName());

    /** Ingress messages are limited to 2 MiB; the envelope around them may add a little. */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024 + 64 * 1024;

    /**
     * The JDK server leaves Nagle's algorithm on unless this property is set before its first use: it then
     * writes the response headers and body in two segments, holds the body back until the client ACKs the
     * headers, and the client delays that ACK by 40 ms. Every request took 40 ms longer than its work.
     */
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY_PROPERTY) == null) {
            System.setProperty(NO_DELAY_PROPERTY, "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ReplicaEndpoints replica;

    private ReplicaHttpServer(HttpServer server, ExecutorService executor, ReplicaEndpoints replica) {
        this.server = server;
        this.executor = executor;
        this.replica = replica;
    }

    /** Binds and starts serving; throws {@link java.net.BindException} when the port is taken. */
    public static ReplicaHttpServer start(InetSocketAddress address, ReplicaEndpoints replica) throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "ic-replica-http");
            thread.setDaemon(true);
            return thread;
        });
        ReplicaHttpServer http = new ReplicaHttpServer(server, executor, replica);
        server.createContext("/", http::handle);
        server.setExecutor(executor);
        server.start();
        return http;
    }

    public URI url() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (HttpError e) {
                sendText(exchange, e.status, e.getMessage());
            } catch (HttpFailure e) {
                if (!e.dropsConnection()) {
                    sendText(exchange, e.status(), e.getMessage());
                }
                // Else nothing is sent: closing an exchange without response headers closes the connection.
            } catch (InvalidRequestException e) {
                sendText(exchange, e.httpStatus(), e.getMessage());
            } catch (CborException e) {
                sendText(exchange, 400, "Could not parse body as CBOR: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Internal error while serving " + exchange.getRequestURI(), e);
                sendText(exchange, 500, "Internal replica error: " + e);
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, HttpError {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        // parts[0] is empty: paths start with '/'.
        if (parts.length == 4 && parts[1].equals("api") && parts[2].equals("v2") && parts[3].equals("status")) {
            requireMethod(exchange, "GET");
            sendCbor(exchange, 200, CborTag.selfDescribed(replica.status()));
            return;
        }
        if (parts.length != 6 || !parts[1].equals("api")) {
            throw new HttpError(404, "Not found: " + exchange.getRequestURI().getPath());
        }
        int version = apiVersion(parts[2]);
        String scope = parts[3];
        String operation = parts[5];
        if (!scope.equals("canister") && !scope.equals("subnet")) {
            throw new HttpError(404, "Not found: " + exchange.getRequestURI().getPath());
        }
        Principal effectiveId = effectiveId(parts[4], scope);
        requireMethod(exchange, "POST");
        boolean canisterScope = scope.equals("canister");
        switch (operation) {
            case "call" -> handleCall(exchange, version, canisterScope, effectiveId);
            case "query" -> handleQuery(exchange, version, canisterScope, effectiveId);
            case "read_state" -> handleReadState(exchange, version, canisterScope, effectiveId);
            default -> throw new HttpError(404, "Not found: " + exchange.getRequestURI().getPath());
        }
    }

    private void handleCall(HttpExchange exchange, int version, boolean canisterScope, Principal effectiveId)
            throws IOException, HttpError {
        boolean synchronous = version >= 3;
        if (!canisterScope) {
            throw new HttpError(404, "The embedded replica has no subnet call endpoint; use /api/v" + version
                    + "/canister/<effective_canister_id>/call");
        }
        VerifiedRequest request = verify(exchange, VerifiedRequest.CALL);
        ReplicaEndpoints.CallResponse response = replica.call(request, effectiveId, synchronous);
        if (response instanceof ReplicaEndpoints.CallResponse.NonReplicatedRejection rejection) {
            Map<String, Object> body = new LinkedHashMap<>();
            if (synchronous) {
                body.put("status", "non_replicated_rejection");
            }
            body.put("reject_code", (long) rejection.rejectCode());
            body.put("reject_message", rejection.rejectMessage());
            body.put("error_code", rejection.errorCode());
            sendCbor(exchange, 200, CborTag.selfDescribed(body));
        } else {
            byte[] certificate = ((ReplicaEndpoints.CallResponse.Accepted) response).certificate();
            if (certificate == null) {
                // v2, or a v3/v4 call without a final status yet: the client polls read_state.
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "replied");
            body.put("certificate", certificate);
            sendCbor(exchange, 200, CborTag.selfDescribed(body));
        }
    }

    private void handleQuery(HttpExchange exchange, int version, boolean canisterScope, Principal effectiveId)
            throws IOException, HttpError {
        if (version > 3 || !canisterScope) {
            throw new HttpError(404, "Not found: " + exchange.getRequestURI().getPath());
        }
        VerifiedRequest request = verify(exchange, VerifiedRequest.QUERY);
        sendCbor(exchange, 200, CborTag.selfDescribed(replica.query(request, effectiveId)));
    }

    private void handleReadState(HttpExchange exchange, int version, boolean canisterScope, Principal effectiveId)
            throws IOException, HttpError {
        if (version > 3) {
            throw new HttpError(404, "Not found: " + exchange.getRequestURI().getPath());
        }
        VerifiedRequest request = verify(exchange, VerifiedRequest.READ_STATE);
        byte[] certificate = canisterScope
                ? replica.readState(request, effectiveId, null, version)
                : replica.readState(request, null, effectiveId, version);
        sendCbor(exchange, 200, CborTag.selfDescribed(Map.of("certificate", certificate)));
    }

    private VerifiedRequest verify(HttpExchange exchange, String requestType) throws IOException, HttpError {
        byte[] body = readBody(exchange);
        return EnvelopeVerifier.verify(body, requestType, replica.nowNanos());
    }

    private static int apiVersion(String segment) throws HttpError {
        return switch (segment) {
            case "v2" -> 2;
            case "v3" -> 3;
            case "v4" -> 4;
            default -> throw new HttpError(404, "Unknown API version '" + segment + "'");
        };
    }

    private static Principal effectiveId(String text, String scope) throws HttpError {
        try {
            return Principal.fromText(text);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "Could not parse the effective " + scope + " id '" + text + "': " + e.getMessage());
        }
    }

    private static void requireMethod(HttpExchange exchange, String method) throws HttpError {
        if (!exchange.getRequestMethod().equals(method)) {
            throw new HttpError(405, "Method " + exchange.getRequestMethod() + " not allowed, use " + method);
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException, HttpError {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new HttpError(413, "Request body is larger than the " + MAX_BODY_BYTES + " bytes the replica accepts");
            }
            return body;
        }
    }

    private static void sendCbor(HttpExchange exchange, int status, Object value) throws IOException {
        byte[] bytes = Cbor.encode(value);
        exchange.getResponseHeaders().set("Content-Type", "application/cbor");
        send(exchange, status, bytes);
    }

    private static void sendText(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, status, message.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** An HTTP-level error with its status code. */
    private static final class HttpError extends Exception {
        final int status;

        HttpError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
