package dev.fnkit.selfhosted;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Offers a running gateway's listening socket to a successor on the same data directory: a Unix domain socket,
 * {@code gateway.sock} in the data directory, over which a successor ({@link Takeover}) gets the listening socket's
 * file descriptor (SCM_RIGHTS), asks which functions have instances ready, and, once it serves on the same socket,
 * asks this gateway to let go: it stops dispatching asynchronous calls and firing triggers, answers
 * {@code released}, then drains its connections and closes. One successor at a time; only the data directory's
 * owner may connect. Needs the epoll transport (Linux).
 *
 * <p>Lines of the protocol: the predecessor sends the descriptor on connect; the successor sends {@code state} and
 * gets {@code pid=<pid> port=<port> warm=<function>:<ready>,...}; it sends {@code release} and gets
 * {@code released}.
 */
final class HandoffSocket implements AutoCloseable {
    static final String FILE = "gateway.sock";
    /** Longest socket path the kernel takes (108 bytes with the terminating zero). */
    static final int MAX_PATH = 107;

    /** What the gateway handing over does at each step. */
    interface Predecessor {
        /** The functions with instances ready, and how many. */
        Map<String, Integer> warm();

        /** Stops dispatching asynchronous calls and firing triggers; returns when they have stopped. */
        void release();

        /** Drains and closes the gateway; called on a thread of its own after {@code released} is sent. */
        void handOff();
    }

    private final Path file;
    private final int listeningSocket;
    private final int port;
    private final Predecessor predecessor;
    private final PrintStream log;
    private final Object ownerUid;
    private final EventLoopGroup group;
    private final Channel channel;
    private Channel successor;
    private boolean released;

    private HandoffSocket(Path dataDir, int listeningSocket, int port, Predecessor predecessor, PrintStream log)
            throws IOException {
        this.file = dataDir.resolve(FILE);
        this.listeningSocket = listeningSocket;
        this.port = port;
        this.predecessor = predecessor;
        this.log = log;
        this.ownerUid = ownerUid(dataDir);
        Files.deleteIfExists(file);
        this.group = new EpollEventLoopGroup(1, new DefaultThreadFactory("fnkit-handoff", true));
        ServerBootstrap bootstrap = new ServerBootstrap().group(group)
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(256), new StringDecoder(StandardCharsets.UTF_8),
                                new Offer());
                    }
                });
        try {
            this.channel = bootstrap.bind(new DomainSocketAddress(file.toFile())).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IOException("cannot listen on " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Offers the listening socket; empty, saying why in the log, where it cannot be offered (no epoll, a data
     * directory path too long for a Unix socket).
     */
    static Optional<HandoffSocket> offer(Path dataDir, int listeningSocket, int port, Predecessor predecessor,
                                         PrintStream log) {
        Path file = dataDir.resolve(FILE);
        if (file.toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH) {
            log.println("fnkit: no graceful restart: the path " + file + " is too long for a Unix socket");
            return Optional.empty();
        }
        try {
            return Optional.of(new HandoffSocket(dataDir, listeningSocket, port, predecessor, log));
        } catch (IOException | RuntimeException e) {
            log.println("fnkit: no graceful restart: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Stops offering the socket and removes its file. */
    @Override
    public void close() {
        synchronized (this) {
            if (!channel.isOpen()) {
                return;
            }
            channel.close().syncUninterruptibly();
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.println("fnkit: cannot remove " + file + ": " + e.getMessage());
        }
        if (successor == null || !successor.isActive()) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private String state() {
        StringJoiner warm = new StringJoiner(",");
        predecessor.warm().forEach((function, ready) -> warm.add(function + ":" + ready));
        return "pid=" + ProcessHandle.current().pid() + " port=" + port + " warm=" + warm + "\n";
    }

    private void release(Channel connection) {
        Thread thread = new Thread(() -> {
            try {
                predecessor.release();
                close();
                connection.writeAndFlush(Unpooled.copiedBuffer("released\n", StandardCharsets.UTF_8))
                        .awaitUninterruptibly(5, TimeUnit.SECONDS);
                log.println("fnkit: handed the listening socket over; draining");
                predecessor.handOff();
            } finally {
                connection.close();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }, "fnkit-handoff-release");
        thread.start();
    }

    private static Object ownerUid(Path dataDir) {
        try {
            return Files.getAttribute(dataDir, "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** One connection from a would-be successor. */
    private final class Offer extends SimpleChannelInboundHandler<String> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws IOException {
            EpollDomainSocketChannel connection = (EpollDomainSocketChannel) ctx.channel();
            synchronized (HandoffSocket.this) {
                if (successor != null || released
                        || ownerUid != null && !ownerUid.equals(connection.peerCredentials().uid())) {
                    ctx.close();
                    return;
                }
                successor = connection;
            }
            ctx.writeAndFlush(new FileDescriptor(listeningSocket));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            switch (line.strip()) {
                case "state" -> ctx.writeAndFlush(Unpooled.copiedBuffer(state(), StandardCharsets.UTF_8));
                case "release" -> {
                    synchronized (HandoffSocket.this) {
                        if (released) {
                            return;
                        }
                        released = true;
                    }
                    release(ctx.channel());
                }
                default -> ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            synchronized (HandoffSocket.this) {
                if (successor == ctx.channel() && !released) {
                    successor = null;
                    log.println("fnkit: a gateway that was taking over went away; serving on");
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
