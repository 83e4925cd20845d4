package dev.fnkit.local;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of one streamed response on a connection: pieces are written and flushed as they come, and the end
 * writes the last chunk and hands the connection back ({@code ended}, on the event loop, with whether the write
 * succeeded).
 */
final class NettyChunks implements NettyHttpServer.Chunks {
    /** What runs once the last chunk is written (or failed). */
    interface Ended {
        void ended(boolean written);
    }

    private final ChannelHandlerContext ctx;
    private final Ended ended;
    private final List<Runnable> closeActions = new ArrayList<>();
    private boolean done;

    NettyChunks(ChannelHandlerContext ctx, Ended ended) {
        this.ctx = ctx;
        this.ended = ended;
        ctx.channel().closeFuture().addListener(future -> closed());
    }

    @Override
    public boolean write(byte[] piece) {
        synchronized (this) {
            if (done || !ctx.channel().isActive()) {
                return false;
            }
        }
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(piece)));
        return true;
    }

    @Override
    public void end() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
                .addListener(future -> ended.ended(future.isSuccess()));
        runCloseActions();
    }

    @Override
    public void onClose(Runnable action) {
        boolean now;
        synchronized (this) {
            now = done || !ctx.channel().isActive();
            if (!now) {
                closeActions.add(action);
            }
        }
        if (now) {
            action.run();
        }
    }

    private void closed() {
        runCloseActions();
    }

    private void runCloseActions() {
        List<Runnable> actions;
        synchronized (this) {
            actions = new ArrayList<>(closeActions);
            closeActions.clear();
        }
        actions.forEach(Runnable::run);
    }
}
