package dev.fnkit.local;

import dev.fnkit.api.FunctionException;
import dev.fnkit.api.HttpRequest;
import dev.fnkit.api.HttpResponse;
import dev.fnkit.core.Errors;
import dev.fnkit.core.Problem;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Serves the requests of one connection, one at a time and in order: a request that arrives while another is being
 * handled waits, and reading pauses while one waits, until the responses are written (a client that does not
 * pipeline never pauses reading, which would cost two system calls per request). Handlers run on the worker executor, or on the
 * event loop when they are non-blocking; responses are written on the connection's event loop. Every request read
 * counts as in flight until its response is flushed or the connection is gone.
 */
final class NettyRequestHandler extends ChannelInboundHandlerAdapter implements NettyHttpServer.Connection {
    private final NettyHttpServer.Handler handler;
    private final boolean onEventLoop;
    private final Executor workers;
    private final InFlightRequests inFlight;
    private final PrintStream errors;
    /** Requests read while another is being handled: {@link FullHttpRequest}s and {@link LeanHttpCodec.Request}s. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private EventLoop eventLoop;
    private ChannelHandlerContext context;
    private boolean busy;
    private String sourceIp;
    private long idleSince = System.nanoTime();
    private volatile Streamed streamed;

    NettyRequestHandler(NettyHttpServer.Handler handler, boolean onEventLoop, Executor workers,
                        InFlightRequests inFlight, PrintStream errors) {
        this.handler = handler;
        this.onEventLoop = onEventLoop;
        this.workers = workers;
        this.inFlight = inFlight;
        this.errors = errors;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        eventLoop = ctx.channel().eventLoop();
        context = ctx;
        inFlight.opened(this);
    }

    /** Closes the connection when no request has been in flight on it for {@code nanos}. */
    void closeIfIdle(long nanos) {
        eventLoop.execute(() -> {
            long since = idleSince;
            if (!busy && since != 0 && System.nanoTime() - since >= nanos) {
                context.close();
            }
        });
    }

    @Override
    public EventLoop eventLoop() {
        return eventLoop;
    }

    @Override
    public <T> CompletionStage<T> offload(Supplier<? extends CompletionStage<T>> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            workers.execute(() -> {
                try {
                    step.get().whenComplete((value, error) -> {
                        if (error != null) {
                            result.completeExceptionally(error);
                        } else {
                            result.complete(value);
                        }
                    });
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public CompletionStage<HttpResponse> stream(HttpResponse head,
                                                java.util.function.Consumer<NettyHttpServer.Chunks> producer) {
        streamed = new Streamed(head, producer);
        return CompletableFuture.completedFuture(head);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest) && !(message instanceof LeanHttpCodec.Request)) {
            ctx.fireChannelRead(message);
            return;
        }
        inFlight.begin();
        idleSince = 0;
        if (busy) {
            waiting.add(message);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        serve(ctx, message);
    }

    private void serve(ChannelHandlerContext ctx, Object message) {
        busy = true;
        Exchange exchange;
        HttpRequest request;
        try {
            if (message instanceof LeanHttpCodec.Request lean) {
                exchange = new Exchange(lean.head(), lean.keepAlive(), HttpVersion.HTTP_1_1, true);
            } else {
                FullHttpRequest full = (FullHttpRequest) message;
                exchange = new Exchange(HttpMethod.HEAD.equals(full.method()), HttpUtil.isKeepAlive(full),
                        full.protocolVersion(), false);
                if (full.decoderResult().isFailure()) {
                    respond(ctx, exchange, decodingProblem(full.decoderResult().cause()).toResponse(), true);
                    return;
                }
            }
            try {
                request = message instanceof LeanHttpCodec.Request lean ? lean.toRequest(sourceIp(ctx))
                        : NettyMessages.toRequest((FullHttpRequest) message, sourceIp(ctx));
            } catch (FunctionException e) {
                respond(ctx, exchange, new Problem(e.status(), e.code(), e.getMessage(), null).toResponse(),
                        !exchange.keepAlive);
                return;
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
        CompletionStage<HttpResponse> result;
        if (onEventLoop) {
            try {
                result = handler.handle(request, this);
            } catch (Throwable e) {
                result = CompletableFuture.failedFuture(e);
            }
        } else {
            result = offload(() -> handler.handle(request, this));
        }
        result.whenComplete((response, error) -> {
            if (ctx.executor().inEventLoop()) {
                finish(ctx, exchange, request, response, error);
            } else {
                ctx.executor().execute(() -> finish(ctx, exchange, request, response, error));
            }
        });
    }

    private void finish(ChannelHandlerContext ctx, Exchange exchange, HttpRequest request, HttpResponse response,
                        Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RejectedExecutionException) {
            respond(ctx, exchange, new Problem(503, "server-busy",
                    "The server is handling too many requests; try again shortly", null).toResponse(),
                    !exchange.keepAlive);
        } else if (error != null || response == null) {
            report(request, error == null ? new NullPointerException("the handler returned no response") : error);
            respond(ctx, exchange, Errors.internal(null).toResponse(), !exchange.keepAlive);
        } else if (streamed != null && streamed.head() == response) {
            Streamed stream = streamed;
            streamed = null;
            startStream(ctx, exchange, stream);
        } else {
            boolean closing = closing(!exchange.keepAlive || NettyMessages.asksToClose(response));
            Object out;
            try {
                out = encode(ctx, exchange, response, closing);
            } catch (RuntimeException e) {
                report(request, e);
                out = encode(ctx, exchange, Errors.internal(null).toResponse(), closing);
            }
            write(ctx, out, closing);
        }
    }

    /** Whether the connection closes after this response; decided once, for its header and the close itself. */
    private boolean closing(boolean close) {
        return close || inFlight.draining() && waiting.isEmpty();
    }

    /** The response as the connection's codec takes it: {@link LeanHttpCodec} bytes or a Netty message. */
    private static Object encode(ChannelHandlerContext ctx, Exchange exchange, HttpResponse response,
                                 boolean closing) {
        if (exchange.lean) {
            return LeanHttpCodec.encode(ctx.alloc(), response, exchange.head, closing);
        }
        FullHttpResponse out = NettyMessages.toNetty(response, exchange.head);
        HttpUtil.setKeepAlive(out.headers(), exchange.version, !closing);
        return out;
    }

    private void respond(ChannelHandlerContext ctx, Exchange exchange, HttpResponse response, boolean close) {
        boolean closing = closing(close);
        write(ctx, encode(ctx, exchange, response, closing), closing);
    }

    private void write(ChannelHandlerContext ctx, Object response, boolean closing) {
        ChannelFuture written = ctx.writeAndFlush(response);
        if (closing) {
            written.addListener(future -> {
                inFlight.end();
                ctx.close();
            });
            releaseWaiting();
            return;
        }
        written.addListener(future -> {
            inFlight.end();
            if (!future.isSuccess()) {
                ctx.close();
                return;
            }
            next(ctx);
        });
    }

    private void startStream(ChannelHandlerContext ctx, Exchange exchange, Streamed stream) {
        FullHttpResponse full = NettyMessages.toNetty(stream.head(), exchange.head);
        DefaultHttpResponse head = new DefaultHttpResponse(full.protocolVersion(), full.status(), full.headers());
        full.release();
        head.headers().remove(HttpHeaderNames.CONTENT_LENGTH);
        HttpUtil.setTransferEncodingChunked(head, true);
        HttpUtil.setKeepAlive(head.headers(), exchange.version, false);
        if (exchange.lean) {
            ctx.pipeline().get(LeanHttpCodec.class).leave();
        }
        ctx.writeAndFlush(head);
        NettyChunks chunks = new NettyChunks(ctx, written -> {
            inFlight.end();
            releaseWaiting();
            ctx.close();
        });
        try {
            stream.producer().accept(chunks);
        } catch (RuntimeException e) {
            errors.println("fnkit: a streamed response failed: " + e);
            chunks.end();
        }
    }

    private void next(ChannelHandlerContext ctx) {
        busy = false;
        Object queued = waiting.poll();
        if (queued != null) {
            serve(ctx, queued);
        } else {
            idleSince = System.nanoTime();
            if (!ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }

    private static Problem decodingProblem(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return new Problem(431, "header-too-large", "The request headers are larger than the server accepts",
                    null);
        }
        if (cause instanceof TooLongHttpLineException) {
            return new Problem(414, "uri-too-long", "The request line is longer than the server accepts", null);
        }
        if (cause instanceof TooLongFrameException) {
            return new Problem(431, "header-too-large", "The request is larger than the server accepts", null);
        }
        return new Problem(400, "malformed-request", "The request is not valid HTTP/1.1", null);
    }

    private String sourceIp(ChannelHandlerContext ctx) {
        String ip = sourceIp;
        if (ip == null && ctx.channel().remoteAddress() instanceof InetSocketAddress address
                && address.getAddress() != null) {
            ip = address.getAddress().getHostAddress();
            sourceIp = ip;
        }
        return ip;
    }

    private void report(HttpRequest request, Throwable error) {
        errors.println("fnkit: " + request + " failed with a 500:");
        error.printStackTrace(errors);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            errors.println("fnkit: closing a connection after " + cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        inFlight.closed(this);
        releaseWaiting();
        super.channelInactive(ctx);
    }

    private void releaseWaiting() {
        Object queued;
        while ((queued = waiting.poll()) != null) {
            ReferenceCountUtil.release(queued);
            inFlight.end();
        }
    }

    private record Streamed(HttpResponse head, java.util.function.Consumer<NettyHttpServer.Chunks> producer) {
    }

    /** How to answer a request: {@code lean} when {@link LeanHttpCodec} read it and writes the answer. */
    private record Exchange(boolean head, boolean keepAlive, HttpVersion version, boolean lean) {
    }
}
