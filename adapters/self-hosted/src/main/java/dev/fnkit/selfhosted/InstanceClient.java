package dev.fnkit.selfhosted;

import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.local.Http1;
import dev.fnkit.local.NettyTransport;
import dev.fnkit.selfhosted.worker.InstanceProtocol;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Forwards requests to instances over keep-alive HTTP/1.1 connections, on the instance's Unix domain socket when it
 * serves one (a hop without the TCP stack) or its loopback port, one request per connection at a time, idle
 * connections pooled per instance port. A request is written as bytes straight from the portable message and the
 * response read straight into one ({@link ResponseReader}), without Netty's HTTP messages in between. It tells apart the three ways a request can fail: it never
 * reached the instance ({@link NotSent}: no connection, or the write failed), the instance went away while it had
 * it ({@link Lost}), or the deadline passed ({@link TimeoutException}, and the connection is closed). A request sent
 * with an event loop goes over a connection served by that loop, so that when it is the loop of the gateway
 * connection that asked, the answer comes back without a thread hand-off.
 */
final class InstanceClient implements AutoCloseable {
    /** Hop-by-hop headers and those the client sets itself, which are not forwarded. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "http2-settings");
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    private static final byte[] VERSION_AND_HOST = " HTTP/1.1\r\nhost: 127.0.0.1:".getBytes(
            StandardCharsets.US_ASCII);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** The request never reached the instance: it may safely go to another one. */
    static final class NotSent extends IOException {
        private static final long serialVersionUID = 1L;

        private final boolean refused;

        NotSent(String message, Throwable cause, boolean refused) {
            super(message, cause);
            this.refused = refused;
        }

        /** True when the instance took no connection at all (rather than a pooled connection breaking). */
        boolean refused() {
            return refused;
        }
    }

    /** The instance closed the connection or failed after it had the request. */
    static final class Lost extends IOException {
        private static final long serialVersionUID = 1L;

        Lost(String message) {
            super(message);
        }
    }

    private final EventLoopGroup group;
    /** Options and pipeline, without a group's channel class: each connection's loop decides that. */
    private final Bootstrap template;
    private final Bootstrap bootstrap;
    private final Map<Integer, ArrayDeque<Channel>> idle = new ConcurrentHashMap<>();

    InstanceClient(int threads) {
        this.group = NettyTransport.group(true, threads, new DefaultThreadFactory("fnkit-gateway-client", true));
        this.template = new Bootstrap().group(group)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new Exchange());
                    }
                });
        this.bootstrap = template.clone().channel(NettyTransport.socketChannel(group));
    }

    /**
     * Sends a request to an instance.
     *
     * @param endpoint  where the instance serves
     * @param path      the path the instance sees
     * @param requestId the request id
     * @param deadline  the deadline, epoch milliseconds, passed to the instance
     * @param remaining the time left until it
     * @param loop      the event loop to serve the connection, or null for one of the client's own (where the
     *                  answer may be handled by code that blocks)
     */
    CompletableFuture<HttpResponse> send(InstanceProtocol.Endpoint endpoint, HttpRequest request, String path,
                                         String requestId, long deadline, Duration remaining, EventLoop loop) {
        int port = endpoint.port();
        String target = request.query().isEmpty() ? path : path + "?" + request.query().encode();
        byte[] body = request.body().bytes();
        ByteBuf out = head(request.method(), target, port, 512 + Http1.copiedBodyBytes(body));
        request.headers().forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name) && !name.startsWith(InstanceProtocol.HEADER_PREFIX)
                    && !name.equals(InstanceProtocol.REQUEST_ID)) {
                Http1.writeHeader(out, name, value);
            }
        });
        if (body.length > 0 || request.headers().contains("content-length")) {
            Http1.writeHeader(out, "content-length", Integer.toString(body.length));
        }
        Http1.writeHeader(out, InstanceProtocol.REQUEST_ID, requestId);
        Http1.writeHeader(out, InstanceProtocol.DEADLINE, Long.toString(deadline));
        request.header("host").ifPresent(host -> Http1.writeHeader(out, InstanceProtocol.HOST, host));
        request.sourceIp().ifPresent(ip -> Http1.writeHeader(out, InstanceProtocol.SOURCE_IP, ip));
        Http1.writeLineEnd(out);
        return exchange(port, endpoint.socket(), Http1.withBody(out, body), request.method().equals("HEAD"), remaining, loop);
    }

    /**
     * Asks an instance of the function whether it serves, within the timeout: a worker answers its probe with a
     * 2xx; an {@code http}-mode executable answers its health path with a 2xx, or, without one, takes a connection.
     */
    CompletableFuture<Boolean> probe(int port, FunctionSpec function, Duration timeout) {
        if (!function.httpMode()) {
            return probe(port, "/", true, timeout);
        }
        return function.healthPath() == null ? connects(port) : probe(port, function.healthPath(), false, timeout);
    }

    private CompletableFuture<Boolean> probe(int port, String path, boolean worker, Duration timeout) {
        ByteBuf probe = head("GET", path, port, 128);
        if (worker) {
            Http1.writeHeader(probe, InstanceProtocol.PROBE, "1");
        }
        Http1.writeLineEnd(probe);
        return exchange(port, null, probe, false, timeout, null).handle((response, error) -> error == null
                && response.status() / 100 == 2);
    }

    private CompletableFuture<Boolean> connects(int port) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        bootstrap.connect(LOOPBACK, port).addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                connected.channel().close();
            }
            result.complete(connected.isSuccess());
        });
        return result;
    }

    /** Closes the idle connections to an instance that is gone. */
    void forget(int port) {
        ArrayDeque<Channel> channels = idle.remove(port);
        if (channels != null) {
            synchronized (channels) {
                channels.forEach(Channel::close);
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Sends over a pooled connection to the port, else a new one: to {@code socket} when not null. */
    private CompletableFuture<HttpResponse> exchange(int port, Path socket, ByteBuf request, boolean head,
                                                     Duration timeout, EventLoop loop) {
        CompletableFuture<HttpResponse> result = new CompletableFuture<>();
        Channel channel = pooled(port, loop);
        if (channel != null) {
            write(channel, port, request, head, timeout, result);
            return result;
        }
        ChannelFuture connecting;
        if (socket == null) {
            connecting = (loop == null ? bootstrap : template.clone(loop).channel(NettyTransport.socketChannel(loop)))
                    .connect(LOOPBACK, port);
        } else {
            EventLoopGroup over = loop == null ? group : loop;
            connecting = template.clone(over).option(ChannelOption.TCP_NODELAY, null)
                    .channel(NettyTransport.domainChannel(over)).connect(NettyTransport.domainAddress(over, socket));
        }
        connecting.addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                write(connected.channel(), port, request, head, timeout, result);
            } else {
                request.release();
                result.completeExceptionally(new NotSent("cannot connect to " + (socket == null ? "port " + port
                        : socket), connected.cause(), true));
            }
        });
        return result;
    }

    /** An idle connection to the port, served by {@code loop}, or by one of the client's own loops when null. */
    private Channel pooled(int port, EventLoop loop) {
        ArrayDeque<Channel> channels = idle.get(port);
        if (channels == null) {
            return null;
        }
        synchronized (channels) {
            Iterator<Channel> newestFirst = channels.descendingIterator();
            while (newestFirst.hasNext()) {
                Channel channel = newestFirst.next();
                if (!channel.isActive()) {
                    newestFirst.remove();
                } else if (loop == null ? channel.eventLoop().parent() == group : channel.eventLoop() == loop) {
                    newestFirst.remove();
                    return channel;
                }
            }
        }
        return null;
    }

    private void release(int port, Channel channel) {
        ArrayDeque<Channel> channels = idle.computeIfAbsent(port, p -> new ArrayDeque<>());
        synchronized (channels) {
            channels.addLast(channel);
        }
    }

    private void write(Channel channel, int port, ByteBuf request, boolean head, Duration timeout,
                       CompletableFuture<HttpResponse> result) {
        Exchange exchange = channel.pipeline().get(Exchange.class);
        exchange.start(channel, port, head, result, timeout);
        channel.writeAndFlush(request).addListener(written -> {
            if (written.isSuccess()) {
                exchange.sent();
            } else {
                exchange.fail(channel, new NotSent("cannot write to port " + port, written.cause(), false));
            }
        });
    }

    /** A buffer with the request line and {@code Host} header written; headers and the blank line follow. */
    private static ByteBuf head(String method, String target, int port, int capacity) {
        if (!Http1.isToken(method)) {
            throw new IllegalArgumentException("not a method: " + method);
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 127) {
                throw new IllegalArgumentException("the request target has a character a request line cannot carry");
            }
        }
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer(capacity);
        ByteBufUtil.writeAscii(out, method);
        out.writeByte(' ');
        ByteBufUtil.writeAscii(out, target);
        out.writeBytes(VERSION_AND_HOST);
        ByteBufUtil.writeAscii(out, Integer.toString(port));
        Http1.writeLineEnd(out);
        return out;
    }

    /**
     * The one exchange in progress on a connection, whose response it reads ({@link ResponseReader}). Its deadline is
     * watched by one timer per connection, scheduled when there is none or it would fire too late, and rescheduling
     * itself when it fires before the deadline of the exchange then in progress: an exchange costs no timer of its
     * own.
     */
    private final class Exchange extends ChannelInboundHandlerAdapter {
        private final ResponseReader reader = new ResponseReader(MAX_RESPONSE_BYTES);
        private int port;
        private CompletableFuture<HttpResponse> result;
        private long deadline;
        private long timeoutMillis;
        private ScheduledFuture<?> timer;
        private long timerAt;
        private volatile boolean sent;

        synchronized void start(Channel channel, int port, boolean head, CompletableFuture<HttpResponse> result,
                                Duration timeout) {
            this.port = port;
            this.result = result;
            this.timeoutMillis = timeout.toMillis();
            this.deadline = System.nanoTime() + timeout.toNanos();
            this.sent = false;
            reader.expect(head);
            if (timer == null || timerAt - deadline > 0) {
                if (timer != null) {
                    timer.cancel(false);
                }
                watch(channel, timeout.toNanos());
            }
        }

        private void watch(Channel channel, long nanos) {
            timerAt = System.nanoTime() + nanos;
            timer = channel.eventLoop().schedule(() -> expire(channel), nanos, TimeUnit.NANOSECONDS);
        }

        private void expire(Channel channel) {
            synchronized (this) {
                timer = null;
                if (result == null) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    watch(channel, left);
                    return;
                }
            }
            fail(channel, new TimeoutException("no answer within " + timeoutMillis + " ms"));
        }

        void sent() {
            sent = true;
        }

        void fail(Channel channel, Throwable error) {
            CompletableFuture<HttpResponse> pending = take();
            channel.close();
            if (pending != null) {
                pending.completeExceptionally(error);
            }
        }

        private synchronized CompletableFuture<HttpResponse> take() {
            CompletableFuture<HttpResponse> pending = result;
            result = null;
            return pending;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ByteBuf in = (ByteBuf) message;
            HttpResponse response;
            try {
                response = reader.read(in);
            } catch (ResponseReader.Malformed e) {
                fail(ctx.channel(), new Lost("the instance on port " + port + " sent a malformed response: "
                        + e.getMessage()));
                return;
            } finally {
                in.release();
            }
            if (response == null) {
                if (!reader.reading() && result == null) {
                    ctx.close();
                }
                return;
            }
            CompletableFuture<HttpResponse> pending = take();
            if (pending == null) {
                ctx.close();
                return;
            }
            if (reader.reusable()) {
                release(port, ctx.channel());
            } else {
                ctx.close();
            }
            pending.complete(response);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            synchronized (this) {
                if (timer != null) {
                    timer.cancel(false);
                    timer = null;
                }
            }
            HttpResponse delimited = reader.closed();
            CompletableFuture<HttpResponse> pending = take();
            if (pending == null) {
                return;
            }
            if (delimited != null) {
                pending.complete(delimited);
            } else {
                pending.completeExceptionally(sent ? new Lost("the instance on port " + port
                        + " closed the connection") : new NotSent("the connection to port " + port + " closed", null,
                        false));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx.channel(), sent ? new Lost("the connection to port " + port + " failed: " + cause)
                    : new NotSent("the connection to port " + port + " failed", cause, false));
        }
    }
}
