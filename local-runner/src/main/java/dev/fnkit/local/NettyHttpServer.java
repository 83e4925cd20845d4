package dev.fnkit.local;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An HTTP/1.1 server on Netty (NIO, or native epoll: {@link Builder#nativeTransport}) that serves portable
 * {@link HttpRequest}s: each request is read whole, converted (raw path, multi-valued query and headers, body bytes,
 * caller's IP), handed to a handler on a bounded worker pool (or,
 * for a non-blocking handler, on the connection's event loop: {@link Builder#handlerOnEventLoop}), and its
 * {@link HttpResponse} written back with every header value separate and the body untouched. Keep-alive is honoured
 * and responses on one connection keep the order of their requests.
 *
 * <p>Protocol errors never reach the handler and never show a stack trace: a body over the limit is a 413, headers
 * over the limit a 431, a request line over the limit a 414, anything else malformed a 400, a request not sent whole
 * within the read timeout a 408 (see {@link Builder#requestReadTimeout}), a full worker pool a 503 and a handler
 * failure a 500, each as {@code application/problem+json}. The server keeps serving after each.
 *
 * <pre>{@code
 * try (NettyHttpServer server = NettyHttpServer.builder().port(0)
 *         .handler(request -> HttpResponse.text("hi")).start()) {
 *     int port = server.port();
 * }
 * }</pre>
 */
public final class NettyHttpServer implements AutoCloseable {
    /** The name of the handler that serves requests, last in every connection's pipeline. */
    private static final String REQUESTS = "requests";
    /** The default largest request body: 6 MiB, the smallest limit among the providers. */
    public static final int DEFAULT_MAX_BODY_BYTES = 6 * 1024 * 1024;
    /** The default largest header section. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** The default longest request line. */
    public static final int DEFAULT_MAX_REQUEST_LINE_BYTES = 8 * 1024;
    /** The default longest time a client may take to send a request, or keep an idle connection open: 60 s. */
    public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(60);

    private final int maxBodyBytes;
    private final long drainTimeoutMillis;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup io;
    private final ThreadPoolExecutor workers;
    private final Channel channel;
    /** The listener on {@link Builder#unixSocket}, or null. */
    private final Channel domainChannel;
    private final Path unixSocket;
    private final InFlightRequests inFlight = new InFlightRequests();
    private volatile boolean closed;

    private NettyHttpServer(Builder config) throws BindException {
        this.maxBodyBytes = config.maxBodyBytes;
        this.drainTimeoutMillis = config.drainTimeoutMillis;
        int maxRequestLineBytes = config.maxRequestLineBytes;
        int maxHeaderBytes = config.maxHeaderBytes;
        Handler handler = config.handler;
        boolean onEventLoop = config.onEventLoop;
        PrintStream errors = config.errors;
        long readTimeoutMillis = config.requestReadTimeout.toMillis();
        this.acceptors = NettyTransport.group(config.nativeTransport, 1,
                new DefaultThreadFactory("fnkit-http-accept", true));
        this.io = NettyTransport.group(config.nativeTransport, config.ioThreads,
                new DefaultThreadFactory("fnkit-http-io", true), config.idleSpin.toNanos(), inFlight::quiet);
        this.workers = new ThreadPoolExecutor(config.workerThreads, config.workerThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(config.queueCapacity), new DefaultThreadFactory("fnkit-worker", true));
        this.workers.allowCoreThreadTimeOut(true);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, io)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(new LeanHttpCodec(maxRequestLineBytes, maxHeaderBytes, maxBodyBytes,
                                        lean -> {
                                            ChannelPipeline pipeline = lean.pipeline();
                                            pipeline.addAfter(lean.name(), null, new HttpServerCodec(
                                                    maxRequestLineBytes, maxHeaderBytes, 64 * 1024));
                                            pipeline.addBefore(REQUESTS, null, new WholeHttpMessages(maxBodyBytes));
                                            pipeline.addBefore(REQUESTS, null, new BodyLimitAggregator(maxBodyBytes));
                                        }))
                                .addLast(new RequestReadTimeout(readTimeoutMillis))
                                .addLast(REQUESTS, new NettyRequestHandler(handler, onEventLoop, workers, inFlight,
                                        errors));
                    }
                });
        ServerBootstrap domain = config.unixSocket == null ? null : bootstrap.clone();
        ChannelFuture bound;
        if (config.listeningSocket >= 0) {
            if (!(acceptors instanceof EpollEventLoopGroup)) {
                shutdownThreads();
                throw new IllegalStateException("serving an inherited listening socket needs the epoll transport");
            }
            int fd = config.listeningSocket;
            bound = bootstrap.channelFactory(() -> new EpollServerSocketChannel(fd)).register().awaitUninterruptibly();
        } else {
            bound = bootstrap.channel(NettyTransport.serverChannel(acceptors)).bind(config.address, config.port)
                    .awaitUninterruptibly();
        }
        if (!bound.isSuccess()) {
            shutdownThreads();
            if (bound.cause() instanceof BindException bind) {
                throw bind;
            }
            throw new IllegalStateException("cannot start the HTTP server: " + bound.cause(), bound.cause());
        }
        this.channel = bound.channel();
        this.unixSocket = config.unixSocket;
        this.domainChannel = domain == null ? null : bindDomain(domain, config.unixSocket);
    }

    /** Listens on the Unix domain socket too, or closes everything and says why it cannot. */
    private Channel bindDomain(ServerBootstrap domain, Path path) {
        try {
            if (Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).isOther()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // nothing there, or the bind below says what is wrong
        }
        ChannelFuture bound = domain.channel(NettyTransport.serverDomainChannel(acceptors))
                .childOption(ChannelOption.TCP_NODELAY, null)
                .bind(NettyTransport.domainAddress(acceptors, path)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            channel.close().syncUninterruptibly();
            shutdownThreads();
            BindException failed = new BindException("cannot listen on the Unix domain socket " + path + ": "
                    + bound.cause());
            failed.initCause(bound.cause());
            throw new UncheckedIOException(failed);
        }
        return bound.channel();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The port the server listens on (the chosen one when it was started on port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * The listening socket's file descriptor, for handing it to another process (see
     * {@link Builder#listeningSocket}); empty unless the server runs on the epoll transport.
     */
    public OptionalInt listeningSocket() {
        return channel instanceof EpollServerSocketChannel epoll && epoll.isOpen()
                ? OptionalInt.of(epoll.fd().intValue()) : OptionalInt.empty();
    }

    /** The Unix domain socket the server also listens on ({@link Builder#unixSocket}), if any. */
    public Optional<Path> unixSocket() {
        return Optional.ofNullable(unixSocket);
    }

    /** The largest request body this server accepts, in bytes. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Stops accepting connections, waits until every request already read has its response written (up to the
     * drain timeout; responses written meanwhile ask the client to close), then closes every connection. Calling it
     * again does nothing.
     */
    @Override
    public void close() {
        close(Duration.ofMillis(drainTimeoutMillis));
    }

    /** {@link #close()} with another drain timeout than the configured one. */
    public void close(Duration drainTimeout) {
        if (!stopAccepting()) {
            return;
        }
        try {
            inFlight.drain(drainTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownThreads();
    }

    /**
     * Closes for a successor that shares the listening socket: stops accepting (closing only this process's
     * descriptor; connections still queued go to the successor), answers every request on the connections it has,
     * each response closing its connection, closes connections idle for a second, and returns when none is left or
     * the timeout passes. Calling it, or {@link #close()}, again does nothing.
     */
    public void handOff(Duration timeout) {
        if (!stopAccepting()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            inFlight.startDraining();
            while (inFlight.connections() > 0 && System.nanoTime() < deadline) {
                inFlight.closeIdle(TimeUnit.SECONDS.toNanos(1));
                Thread.sleep(20);
            }
            inFlight.drain(Math.max(0, (deadline - System.nanoTime()) / 1_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownThreads();
    }

    /** Closes the listening channel; false when it was closed already. */
    private boolean stopAccepting() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        channel.close().syncUninterruptibly();
        if (domainChannel != null) {
            domainChannel.close().syncUninterruptibly();
            try {
                Files.deleteIfExists(unixSocket);
            } catch (IOException ignored) {
                // a leftover socket file is harmless: the next bind replaces it
            }
        }
        return true;
    }

    private void shutdownThreads() {
        acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        acceptors.terminationFuture().syncUninterruptibly();
        workers.shutdownNow();
    }

    /** Answers a request, later, knowing the connection it came on. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Starts answering a request; the response is written when the stage completes.
         *
         * @param request    the request, read whole
         * @param connection the connection it came on
         */
        CompletionStage<HttpResponse> handle(HttpRequest request, Connection connection);
    }

    /** The connection a request came on, as its handler sees it. */
    public interface Connection {
        /**
         * The event loop that reads and writes the connection: a client opening its own connections on it answers
         * without any thread hand-off. Nothing that blocks may run on it.
         */
        EventLoop eventLoop();

        /**
         * Runs a step that may block on the server's worker pool. When the pool is full the stage fails with a
         * {@link java.util.concurrent.RejectedExecutionException}, which the server answers with a 503.
         */
        <T> CompletionStage<T> offload(Supplier<? extends CompletionStage<T>> step);

        /**
         * Answers with {@code head}'s status and headers and a body written piece by piece
         * ({@code Transfer-Encoding: chunked}): the handler returns the stage this gives, and {@code producer} gets
         * the {@link Chunks} once the head is written. The producer must {@link Chunks#end()} them; the connection
         * closes then. Servers that cannot stream fail the stage.
         */
        default CompletionStage<HttpResponse> stream(HttpResponse head, java.util.function.Consumer<Chunks> producer) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("this connection cannot stream"));
        }
    }

    /** The body of a streamed response, written as it is produced; every method may be called from any thread. */
    public interface Chunks {
        /** Writes and flushes one piece of the body; false when the connection is closed (nothing is written). */
        boolean write(byte[] piece);

        /** Ends the body; calling it again does nothing. */
        void end();

        /** Runs {@code action} once the connection closes or the body ends (at once when either happened). */
        void onClose(Runnable action);
    }

    /** Configures and starts a {@link NettyHttpServer}. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port = 8080;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
        private int maxRequestLineBytes = DEFAULT_MAX_REQUEST_LINE_BYTES;
        private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private int workerThreads = 64;
        private int queueCapacity = 1024;
        private long drainTimeoutMillis = 10_000;
        private Duration requestReadTimeout = DEFAULT_REQUEST_READ_TIMEOUT;
        private PrintStream errors = System.err;
        private Handler handler;
        private boolean onEventLoop;
        private boolean nativeTransport;
        private int listeningSocket = -1;
        private Path unixSocket;
        private Duration idleSpin = Duration.ZERO;

        private Builder() {
        }

        /**
         * Also listens on a Unix domain socket at this path (replacing a socket a crashed process left there; any
         * other file makes the start fail), which spares local clients the TCP stack; the path must fit the
         * platform's limit of about 100 bytes.
         */
        public Builder unixSocket(Path path) {
            this.unixSocket = path;
            return this;
        }

        /**
         * Serves on a socket that is bound and listening already, passed by another process (its
         * {@link NettyHttpServer#listeningSocket()}), instead of binding {@link #address}:{@link #port}; needs the
         * epoll transport.
         */
        public Builder listeningSocket(int fileDescriptor) {
            this.listeningSocket = fileDescriptor;
            return this;
        }

        /**
         * Uses Netty's native epoll transport where it loads ({@link NettyTransport#epollAvailable()}), NIO otherwise;
         * false (NIO) by default, which starts without loading a native library.
         */
        public Builder nativeTransport(boolean nativeTransport) {
            this.nativeTransport = nativeTransport;
            return this;
        }

        /** The address to bind; the loopback address by default. */
        public Builder address(InetAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The port to bind, 8080 by default; 0 picks a free one (see {@link NettyHttpServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535 but was " + port);
            }
            this.port = port;
            return this;
        }

        /** The largest request body; a larger one is refused with 413. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = positive(maxBodyBytes, "maxBodyBytes");
            return this;
        }

        /** The largest header section; a larger one is refused with 431. */
        public Builder maxHeaderBytes(int maxHeaderBytes) {
            this.maxHeaderBytes = positive(maxHeaderBytes, "maxHeaderBytes");
            return this;
        }

        /** The longest request line; a longer one is refused with 414. */
        public Builder maxRequestLineBytes(int maxRequestLineBytes) {
            this.maxRequestLineBytes = positive(maxRequestLineBytes, "maxRequestLineBytes");
            return this;
        }

        /**
         * How long an event loop keeps polling without blocking after its last work while the server has at most one
         * request in flight (off by default). At light load this saves a thread wake-up per message, tens of
         * microseconds on a virtual machine, for at most this much CPU time per message; with more requests in
         * flight the loops block as usual.
         */
        public Builder idleSpin(Duration spin) {
            if (spin.isNegative()) {
                throw new IllegalArgumentException("idleSpin must not be negative but was " + spin);
            }
            this.idleSpin = spin;
            return this;
        }

        /** Netty event-loop threads that read and write connections. */
        public Builder ioThreads(int ioThreads) {
            this.ioThreads = positive(ioThreads, "ioThreads");
            return this;
        }

        /** Threads that run the handler: the most requests handled at once. */
        public Builder workerThreads(int workerThreads) {
            this.workerThreads = positive(workerThreads, "workerThreads");
            return this;
        }

        /** Requests that may wait for a worker; beyond that requests are refused with 503. */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = positive(queueCapacity, "queueCapacity");
            return this;
        }

        /** How long {@link NettyHttpServer#close()} waits for requests being handled. */
        public Builder drainTimeoutMillis(long drainTimeoutMillis) {
            if (drainTimeoutMillis < 0) {
                throw new IllegalArgumentException("drainTimeoutMillis must not be negative");
            }
            this.drainTimeoutMillis = drainTimeoutMillis;
            return this;
        }

        /**
         * How long a client may take to send a whole request, counted from when the connection opens or its last
         * response is written: 60 s by default. A client that runs out of it mid-request gets a 408; an idle
         * connection, or one whose request head is still incomplete, is closed.
         */
        public Builder requestReadTimeout(Duration requestReadTimeout) {
            if (requestReadTimeout.isNegative() || requestReadTimeout.isZero()) {
                throw new IllegalArgumentException("requestReadTimeout must be positive but was "
                        + requestReadTimeout);
            }
            this.requestReadTimeout = requestReadTimeout;
            return this;
        }

        /** Where the server reports failures that the caller only sees as a 500 (standard error by default). */
        public Builder errors(PrintStream errors) {
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        /** The handler, run on a worker thread for each request (see {@link #handlerOnEventLoop}). */
        public Builder handler(Function<HttpRequest, HttpResponse> handler) {
            Objects.requireNonNull(handler, "handler");
            this.handler = (request, connection) -> CompletableFuture.completedFuture(handler.apply(request));
            return this;
        }

        /**
         * A handler that answers later, started on a worker thread (see {@link #handlerOnEventLoop}) for each
         * request; the response is written when the stage completes.
         */
        public Builder asyncHandler(Function<HttpRequest, ? extends CompletionStage<HttpResponse>> handler) {
            Objects.requireNonNull(handler, "handler");
            this.handler = (request, connection) -> handler.apply(request);
            return this;
        }

        /** An asynchronous handler that also learns the connection it serves: see {@link Handler}. */
        public Builder connectionHandler(Handler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Runs the handler on the connection's event loop rather than on a worker thread, saving two thread hand-offs
         * per request; false by default. Only for a handler that never blocks: one that may block in some cases
         * hands those steps to {@link Connection#offload}.
         */
        public Builder handlerOnEventLoop(boolean onEventLoop) {
            this.onEventLoop = onEventLoop;
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @throws UncheckedIOException wrapping a {@link BindException} when the port is taken or the Unix domain
         *                              socket cannot be bound
         */
        public NettyHttpServer start() {
            if (handler == null) {
                throw new IllegalStateException("no handler set");
            }
            try {
                return new NettyHttpServer(this);
            } catch (BindException e) {
                throw new UncheckedIOException(new BindException("cannot listen on " + address.getHostAddress()
                        + ":" + port + ": " + e.getMessage()));
            }
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive but was " + value);
            }
            return value;
        }
    }
}
