package dev.fnkit.local.lambda;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A local AWS Lambda execution environment's APIs, on loopback: the Runtime API a Lambda runtime polls
 * ({@code GET /2018-06-01/runtime/invocation/next}, {@code POST .../invocation/{id}/response} and
 * {@code .../invocation/{id}/error}, {@code POST .../runtime/init/error}) and the invoke endpoint a caller uses
 * ({@code POST /2015-03-31/functions/function/invocations}, as the Lambda runtime interface emulator has it).
 *
 * <p>As Lambda: an invocation waits until the runtime asks for it, gets the headers {@code Lambda-Runtime-Aws-Request-Id},
 * {@code Lambda-Runtime-Deadline-Ms}, {@code Lambda-Runtime-Invoked-Function-Arn} and {@code Lambda-Runtime-Trace-Id},
 * and must be answered before its deadline (the function's timeout after the hand-over) or the caller gets a
 * {@code Sandbox.Timedout} error; a function error reaches the caller as the runtime's error document with
 * {@code X-Amz-Function-Error: Unhandled}; an init error fails every invocation; payloads in either direction are
 * limited to 6 MB. One runtime serves one invocation at a time; others queue.
 *
 * <pre>{@code
 * try (LambdaRuntimeApiEmulator lambda = new LambdaRuntimeApiEmulator(Settings.of("orders")).start(0)) {
 *     // start the runtime with AWS_LAMBDA_RUNTIME_API=lambda.runtimeApi()
 *     Result result = lambda.invoke("{\"Records\":[]}".getBytes(UTF_8));
 * }
 * }</pre>
 */
public final class LambdaRuntimeApiEmulator implements AutoCloseable {
    /** Lambda's limit on synchronous request and response payloads: 6 MB. */
    public static final int MAX_PAYLOAD = 6 * 1024 * 1024;
    /** The {@code X-Amz-Function-Error} value of a failed invocation. */
    public static final String UNHANDLED = "Unhandled";

    /**
     * What the emulated function is.
     *
     * @param functionName    the Lambda function's name (in the invoked ARN)
     * @param timeout         the function's timeout
     * @param dispatchTimeout how long an invocation waits for a runtime to ask for it before failing with
     *                        {@code Runtime.Unavailable}
     * @param region          the region in ARNs
     * @param account         the account in ARNs
     */
    public record Settings(String functionName, Duration timeout, Duration dispatchTimeout, String region,
                           String account) {
        public Settings {
            Objects.requireNonNull(functionName, "functionName");
            if (timeout.isNegative() || timeout.isZero() || dispatchTimeout.isNegative() || dispatchTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
        }

        /** A function with Lambda's default 3 s timeout, a 60 s dispatch timeout, in us-east-1. */
        public static Settings of(String functionName) {
            return new Settings(functionName, Duration.ofSeconds(3), Duration.ofSeconds(60), "us-east-1",
                    "123456789012");
        }

        public Settings withTimeout(Duration newTimeout) {
            return new Settings(functionName, newTimeout, dispatchTimeout, region, account);
        }

        public Settings withDispatchTimeout(Duration newDispatchTimeout) {
            return new Settings(functionName, timeout, newDispatchTimeout, region, account);
        }

        /** The ARN the runtime is told it was invoked as. */
        public String functionArn() {
            return "arn:aws:lambda:" + region + ":" + account + ":function:" + functionName;
        }
    }

    /**
     * The outcome of an invocation.
     *
     * @param requestId     the request id the runtime saw
     * @param payload       the function's response, or the error document when it failed
     * @param functionError {@link #UNHANDLED} when the invocation failed, else null
     * @param errorType     the error's type (such as {@code Sandbox.Timedout}), or null
     */
    public record Result(String requestId, byte[] payload, String functionError, String errorType) {
        public boolean failed() {
            return functionError != null;
        }

        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        Result forRequest(String id) {
            return new Result(id, payload, functionError, errorType);
        }
    }

    private final Settings settings;
    private final ScheduledExecutorService timers;
    private final Invocations invocations;
    private EventLoopGroup group;
    private ChannelGroup channels;
    private Channel server;

    public LambdaRuntimeApiEmulator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timers = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("fnkit-lambda-timers",
                true));
        this.invocations = new Invocations(timers, settings.timeout(), settings.dispatchTimeout());
    }

    /**
     * Listens on loopback.
     *
     * @param port the port, or 0 for a free one
     * @throws BindException when the port is taken
     */
    public synchronized LambdaRuntimeApiEmulator start(int port) throws BindException {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        group = new NioEventLoopGroup(2, new DefaultThreadFactory("fnkit-lambda-api", true));
        channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channels.add(channel);
                        channel.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new RuntimeApiAggregator(invocations))
                                .addLast(new RuntimeApiHandler(settings, invocations));
                    }
                });
        ChannelFuture bound = bootstrap.bind(InetAddress.getLoopbackAddress(), port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            if (bound.cause() instanceof BindException bind) {
                throw bind;
            }
            throw new IllegalStateException("cannot start the Lambda Runtime API emulator: " + bound.cause(),
                    bound.cause());
        }
        server = bound.channel();
        return this;
    }

    /** The port it listens on. */
    public int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API} for a runtime: {@code 127.0.0.1:<port>}. */
    public String runtimeApi() {
        return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Invokes the function and waits for the outcome (a failed invocation is a result, not an exception).
     *
     * @throws IllegalArgumentException when the payload is over 6 MB
     */
    public Result invoke(byte[] payload) throws InterruptedException {
        try {
            return invokeAsync(payload).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Invokes the function; the future completes with the outcome. */
    public CompletableFuture<Result> invokeAsync(byte[] payload) {
        if (payload.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("Request must be smaller than " + MAX_PAYLOAD
                    + " bytes for the InvokeFunction operation");
        }
        return invocations.submit(payload, null, null).result;
    }

    /** The init error the runtime reported, or null. */
    public Result initError() {
        return invocations.initError();
    }

    /** Fails what is still open, closes every connection (a runtime then exits) and stops listening. */
    @Override
    public synchronized void close() {
        invocations.close();
        if (server != null) {
            server.close().awaitUninterruptibly();
            channels.close().awaitUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            server = null;
        }
        timers.shutdownNow();
    }
}
