package dev.fnkit.local;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;

/**
 * Netty's native epoll transport where it loads (Linux on x86-64) and is wanted, else NIO: event-loop groups and the
 * channel classes that fit a group. A connection opened on another group's event loop must use
 * {@link #socketChannel} of that loop. The system property {@code fnkit.netty.nio=true} turns epoll off everywhere.
 */
public final class NettyTransport {
    private NettyTransport() {
    }

    /** True when the native epoll transport loads here and is not turned off. */
    public static boolean epollAvailable() {
        return !Boolean.getBoolean("fnkit.netty.nio") && Epoll.isAvailable();
    }

    /** A group of {@code threads} event loops: epoll when {@code epoll} and {@link #epollAvailable()}, else NIO. */
    public static EventLoopGroup group(boolean epoll, int threads, ThreadFactory threadFactory) {
        return epoll && epollAvailable() ? new EpollEventLoopGroup(threads, threadFactory)
                : new NioEventLoopGroup(threads, threadFactory);
    }

    /**
     * Like {@link #group(boolean, int, ThreadFactory)}, with loops that poll without blocking for up to
     * {@code spinNanos} after their last work while {@code quiet} holds (see {@link QuietSpin}).
     */
    static EventLoopGroup group(boolean epoll, int threads, ThreadFactory threadFactory, long spinNanos,
                                BooleanSupplier quiet) {
        if (spinNanos <= 0) {
            return group(epoll, threads, threadFactory);
        }
        SelectStrategyFactory spin = () -> new QuietSpin(spinNanos, quiet);
        return epoll && epollAvailable() ? new EpollEventLoopGroup(threads, threadFactory, spin)
                : new NioEventLoopGroup(threads, threadFactory, SelectorProvider.provider(), spin);
    }

    /** The listening channel class for a group made by {@link #group}. */
    public static Class<? extends ServerChannel> serverChannel(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The connection channel class for a group made by {@link #group}, or for one of its event loops. */
    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
        return isEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The listening channel class for a Unix domain socket served by a group made by {@link #group}. */
    public static Class<? extends ServerChannel> serverDomainChannel(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class;
    }

    /** The connection channel class for a Unix domain socket, for a group made by {@link #group} or its loops. */
    public static Class<? extends Channel> domainChannel(EventLoopGroup group) {
        return isEpoll(group) ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class;
    }

    /** The address of the Unix domain socket at {@code path} in the form the group's transport takes. */
    public static SocketAddress domainAddress(EventLoopGroup group, Path path) {
        return isEpoll(group) ? new DomainSocketAddress(path.toString()) : UnixDomainSocketAddress.of(path);
    }

    private static boolean isEpoll(EventLoopGroup group) {
        EventLoopGroup owner = group instanceof EventLoop loop && loop.parent() != null ? loop.parent() : group;
        return owner instanceof EpollEventLoopGroup;
    }
}
