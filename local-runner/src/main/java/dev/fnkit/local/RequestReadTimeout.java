package dev.fnkit.local;

import dev.fnkit.core.Problem;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a client may take to send a request, so that a slow or silent client (slowloris) cannot hold a
 * connection forever. The clock runs whenever the connection owes the server a request: from when it opens, and again
 * each time every request read so far has been answered; it stops while requests are being handled. When it runs
 * out, a connection in the middle of a request gets a 408 problem and is closed; an idle one (or one still sending
 * its request head, which the codec has not parsed yet) is simply closed. Sits between the HTTP codec and the
 * aggregator, so that it sees each request's start and end and every response, the aggregator's own included; a
 * request {@link LeanHttpCodec} read counts as read whole, and its response as a response.
 *
 * <p>Starting and stopping the clock only moves its deadline: one timer per connection is scheduled when the clock
 * starts without one, and when it fires early (the clock was restarted meanwhile) it schedules itself for what is
 * left, so that a request costs no timer of its own.
 */
final class RequestReadTimeout extends ChannelDuplexHandler {
    private final long timeoutMillis;
    private ScheduledFuture<?> timer;
    /** When the clock runs out ({@link System#nanoTime()}), while it {@link #running runs}. */
    private long deadline;
    private boolean running;
    /** Requests read whole and not answered yet: while there are any, the server owes the client, not the reverse. */
    private int handling;
    private boolean midRequest;
    private boolean answeredEarly;

    RequestReadTimeout(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) throws Exception {
        if (message instanceof LeanHttpCodec.Request) {
            handling++;
            stop();
        }
        if (message instanceof HttpRequest) {
            midRequest = true;
            answeredEarly = false;
        }
        if (message instanceof LastHttpContent && midRequest) {
            midRequest = false;
            if (!answeredEarly) {
                handling++;
                stop();
            }
        }
        super.channelRead(ctx, message);
    }

    /** Counts final responses: each answers the oldest request read whole, or else (a 413, say) the one being read. */
    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) throws Exception {
        if (message instanceof HttpResponse response && message instanceof LastHttpContent
                && response.status().code() >= 200 || message instanceof LeanHttpCodec.Response) {
            if (handling > 0) {
                handling--;
            } else if (midRequest) {
                answeredEarly = true;
            }
            if (handling == 0) {
                promise = promise.unvoid();
                promise.addListener(written -> {
                    if (handling == 0 && ctx.channel().isActive()) {
                        start(ctx);
                    }
                });
            }
        }
        super.write(ctx, message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        super.channelInactive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        running = true;
        if (timer == null) {
            schedule(ctx, TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        }
    }

    private void stop() {
        running = false;
    }

    private void schedule(ChannelHandlerContext ctx, long nanos) {
        timer = ctx.executor().schedule(() -> expire(ctx), nanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        if (!running || handling > 0 || !ctx.channel().isActive()) {
            return;
        }
        long left = deadline - System.nanoTime();
        if (left > 0) {
            schedule(ctx, left);
            return;
        }
        if (!midRequest || answeredEarly) {
            ctx.close();
            return;
        }
        FullHttpResponse response = NettyMessages.problem(new Problem(408, "request-timeout",
                "The request was not received within " + timeoutMillis + " ms", null), false);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
