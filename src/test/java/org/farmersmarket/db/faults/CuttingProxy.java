package org.farmersmarket.db.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a PostgreSQL server that can cut a session at its next COMMIT, the way a network fault
 * does: either when the server answers it (the server committed, the client never hears back: a lost
 * acknowledgement) or instead of passing it on (the server never sees it). It can also refuse new sessions, like a
 * server that stays unreachable.
 */
final class CuttingProxy implements AutoCloseable {

    /** What happens to the next COMMIT a client sends. */
    enum Cut {
        NONE,
        /** Cut when the server answers the COMMIT: the commit happened, its acknowledgement is lost. */
        AFTER_COMMIT_REACHES_SERVER,
        /**
         * Cut instead of forwarding the COMMIT: the server rolls the transaction back when it sees the cut. Needs the
         * client to send statements unprepared ({@code prepareThreshold=0}), so the COMMIT text is on the wire.
         */
        BEFORE_COMMIT_REACHES_SERVER
    }

    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final AtomicReference<Cut> nextCut = new AtomicReference<>(Cut.NONE);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    /** Whether the next cut also starts refusing, in the same step, before the client can reconnect. */
    private volatile boolean refuseAfterCut;

    private volatile int cuts;
    /** Cuts at random, each COMMIT with this chance before it reaches the server and again after: 0 for never. */
    private volatile double randomCutChance;

    private java.util.Random random = new java.util.Random(0);
    private final java.util.concurrent.atomic.AtomicInteger randomCutsBefore =
            new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger randomCutsAfter =
            new java.util.concurrent.atomic.AtomicInteger();

    CuttingProxy(String serverHost, int serverPort) throws IOException {
        this.server = new InetSocketAddress(serverHost, serverPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Arms the cut for the next COMMIT of any session; it fires once. */
    void cutAtNextCommit(Cut cut) {
        nextCut.set(cut);
    }

    /**
     * From now on cuts sessions at random: each COMMIT the client sends is cut before the server sees it with this
     * chance, and the server's answer to a COMMIT that got through is cut with the same chance. Needs
     * {@code prepareThreshold=0} like {@link Cut#BEFORE_COMMIT_REACHES_SERVER}.
     */
    synchronized void cutRandomly(double chance, long seed) {
        random = new java.util.Random(seed);
        randomCutChance = chance;
    }

    /** Random cuts so far before the COMMIT reached the server (the transaction rolls back). */
    int randomCutsBefore() {
        return randomCutsBefore.get();
    }

    /** Random cuts so far of the server's answer to COMMIT (the transaction committed). */
    int randomCutsAfter() {
        return randomCutsAfter.get();
    }

    private synchronized boolean cutByChance() {
        return randomCutChance > 0 && random.nextDouble() < randomCutChance;
    }

    /** How many sessions were cut at a COMMIT. */
    int cuts() {
        return cuts;
    }

    /**
     * Starts refusing (as {@link #refuse(boolean)}: new sessions closed, open ones cut) at the moment of the next cut,
     * before its sockets close: the client cannot reach the server again, however fast it reconnects.
     */
    void refuseFromNextCut() {
        refuseAfterCut = true;
    }

    /** While true, new sessions are closed as soon as they arrive and open ones are cut. */
    void refuse(boolean refusing) {
        this.refusing = refusing;
        if (refusing) {
            sockets.forEach(CuttingProxy::closeQuietly);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(server.getAddress(), server.getPort());
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream, true));
                Thread.ofVirtual().start(() -> pump(upstream, client, false));
            } catch (IOException e) {
                // closed listener, or the server refused: the client sees its connection closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                // The client's COMMIT carries its text when statements are not server-prepared (prepareThreshold=0);
                // the server's answer always carries the command tag COMMIT.
                Cut armed = fromClient ? Cut.BEFORE_COMMIT_REACHES_SERVER : Cut.AFTER_COMMIT_REACHES_SERVER;
                if (contains(buffer, read, COMMIT)
                        && (nextCut.compareAndSet(armed, Cut.NONE) || cutAtRandom(fromClient))) {
                    cutSession(from, to);
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private boolean cutAtRandom(boolean fromClient) {
        if (!cutByChance()) {
            return false;
        }
        (fromClient ? randomCutsBefore : randomCutsAfter).incrementAndGet();
        return true;
    }

    private void cutSession(Socket client, Socket upstream) {
        if (refuseAfterCut) {
            // Every other session too: the pool's idle connections must not carry the resolution either.
            refuse(true);
        }
        cuts++;
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private static boolean contains(byte[] buffer, int length, byte[] wanted) {
        outer:
        for (int i = 0; i + wanted.length <= length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (buffer[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(CuttingProxy::closeQuietly);
    }
}
