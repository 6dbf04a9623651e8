package io.github.icmaven.replica.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * An HTTP proxy in front of a replica that records every exchange (path, status, when it started and ended)
 * and can play an older replica by answering 404 on some paths. For tests and the benchmark, which count
 * what a client sends; it adds a loopback hop, so it is not for timing.
 */
public final class ReplicaProxy implements AutoCloseable {
    /** One request and its answer, with {@link System#nanoTime()} stamps. */
    public record Exchange(String method, String path, int status, long startedNanos, long endedNanos) {
        public boolean isCall() {
            return path.endsWith("/call");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI target;
    private final Predicate<String> refusedPaths;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Exchange> exchanges = new ArrayList<>();

    private ReplicaProxy(URI target, Predicate<String> refusedPaths) throws IOException {
        this.target = target;
        this.refusedPaths = refusedPaths;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        // Concurrent requests must stay concurrent, or parallel calls would look sequential.
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "replica-proxy");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Passes every request through. */
    public static ReplicaProxy recording(URI target) throws IOException {
        return new ReplicaProxy(target, path -> false);
    }

    /** Answers 404 on the paths {@code refusedPaths} accepts, passes the others through. */
    public static ReplicaProxy refusing(URI target, Predicate<String> refusedPaths) throws IOException {
        return new ReplicaProxy(target, refusedPaths);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The exchanges so far, in the order they ended. */
    public synchronized List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public synchronized void clear() {
        exchanges.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (refusedPaths.test(path)) {
                record(exchange, path, 404, started);
                exchange.sendResponseHeaders(404, -1);
            } else {
                forward(exchange, path, started);
            }
        }
    }

    /** Recorded before the answer goes back: the client's next request may arrive the moment it has it. */
    private synchronized void record(HttpExchange exchange, String path, int status, long started) {
        exchanges.add(new Exchange(exchange.getRequestMethod(), path, status, started, System.nanoTime()));
    }

    private void forward(HttpExchange exchange, String path, long started) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(path))
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding " + path, e);
        }
        record(exchange, path, answer.statusCode(), started);
        answer.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
        byte[] reply = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), reply.length == 0 ? -1 : reply.length);
        if (reply.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
