package dev.fnkit.selfhosted;

import dev.fnkit.local.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A starting gateway's side of a graceful restart: when a gateway runs on the same data directory and offers its
 * listening socket ({@link HandoffSocket}), this one receives the socket's file descriptor and the predecessor's
 * state (its port, the functions it has instances ready for), and later asks it to let go ({@link #release}).
 */
final class Takeover implements AutoCloseable {
    private static final Object CLOSED = new Object();
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final EventLoopGroup group;
    private final Channel channel;
    private final BlockingQueue<Object> received;
    private final int listeningSocket;
    private boolean adopted;
    private long pid;
    private int port;
    private final Map<String, Integer> warm = new LinkedHashMap<>();

    private Takeover(EventLoopGroup group, Channel channel, BlockingQueue<Object> received, int listeningSocket) {
        this.group = group;
        this.channel = channel;
        this.received = received;
        this.listeningSocket = listeningSocket;
    }

    /**
     * Connects to the gateway serving this data directory, if one does and offers its socket, and receives the socket
     * and the predecessor's state; empty when none does (a socket file left by a gateway that died is removed) or
     * where the epoll transport is not available.
     *
     * @throws UncheckedIOException when a gateway runs there but does not hand over (another one is taking over)
     */
    static Optional<Takeover> connect(Path dataDir) {
        Path file = dataDir.resolve(HandoffSocket.FILE);
        if (!NettyTransport.epollAvailable() || !Files.exists(file)
                || file.toString().getBytes(StandardCharsets.UTF_8).length > HandoffSocket.MAX_PATH) {
            return Optional.empty();
        }
        EventLoopGroup group = new EpollEventLoopGroup(1, new DefaultThreadFactory("fnkit-takeover", true));
        BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(EpollDomainSocketChannel.class)
                .option(EpollChannelOption.DOMAIN_SOCKET_READ_MODE, DomainSocketReadMode.FILE_DESCRIPTORS)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .handler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) {
                        ch.pipeline().addLast(new LineBasedFrameDecoder(64 * 1024),
                                new StringDecoder(StandardCharsets.UTF_8), new Receiver(received));
                    }
                });
        Channel channel;
        try {
            channel = bootstrap.connect(new DomainSocketAddress(file.toFile())).sync().channel();
        } catch (Exception e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a later start tries again
            }
            return Optional.empty();
        }
        Takeover takeover = null;
        try {
            Object first = received.poll(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (!(first instanceof FileDescriptor fd)) {
                throw new UncheckedIOException(new IOException("the gateway running on " + dataDir
                        + " did not hand over its socket (is another gateway taking over?)"));
            }
            takeover = new Takeover(group, channel, received, fd.intValue());
            takeover.readState(dataDir);
            return Optional.of(takeover);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while taking over"));
        } catch (RuntimeException e) {
            if (takeover != null) {
                takeover.close();
            } else {
                channel.close();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            throw e;
        }
    }

    /** The listening socket's file descriptor in this process. */
    int listeningSocket() {
        return listeningSocket;
    }

    /** Marks the listening socket as owned by a server now, so that {@link #close()} leaves it open. */
    void adopted() {
        adopted = true;
    }

    long pid() {
        return pid;
    }

    int port() {
        return port;
    }

    /** The functions the predecessor had instances ready for, and how many. */
    Map<String, Integer> warm() {
        return warm;
    }

    /**
     * Asks the predecessor to stop dispatching asynchronous calls and firing triggers, then to drain and exit.
     *
     * @return true when it said it had stopped, false when it went away or did not answer in time
     */
    boolean release(Duration timeout) {
        channel.writeAndFlush(Unpooled.copiedBuffer("release\n", StandardCharsets.UTF_8));
        try {
            Object answer = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return "released".equals(answer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (!adopted) {
            try {
                new FileDescriptor(listeningSocket).close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    private void readState(Path dataDir) throws InterruptedException {
        channel.writeAndFlush(Unpooled.copiedBuffer("state\n", StandardCharsets.UTF_8));
        Object line = received.poll(ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!(line instanceof String state)) {
            throw new UncheckedIOException(new IOException("the gateway running on " + dataDir
                    + " went away while handing over"));
        }
        for (String field : state.strip().split(" ")) {
            int eq = field.indexOf('=');
            String value = eq < 0 ? "" : field.substring(eq + 1);
            switch (eq < 0 ? field : field.substring(0, eq)) {
                case "pid" -> pid = Long.parseLong(value);
                case "port" -> port = Integer.parseInt(value);
                case "warm" -> {
                    for (String entry : value.split(",")) {
                        int colon = entry.lastIndexOf(':');
                        if (colon > 0) {
                            warm.put(entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1)));
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Queues what arrives: the descriptor first (then reads bytes), then lines, then {@link #CLOSED}. */
    private static final class Receiver extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<Object> received;

        Receiver(BlockingQueue<Object> received) {
            this.received = received;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof FileDescriptor) {
                ((EpollDomainSocketChannel) ctx.channel()).config().setReadMode(DomainSocketReadMode.BYTES);
            }
            received.add(message instanceof String line ? line.strip() : message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            received.add(CLOSED);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
