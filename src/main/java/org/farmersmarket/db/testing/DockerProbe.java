package org.farmersmarket.db.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.DockerClientFactory;

/**
 * A quick look for a Docker engine before asking Testcontainers, which can retry for a long while when there is
 * none: {@code DOCKER_HOST} if set, else the usual local sockets; reachable when one accepts a connection and
 * Testcontainers then finds a working engine. Used only when Testcontainers is on the class path.
 *
 * @param reachable whether tests can run a container
 * @param description what was found or tried, for the log line that says which server a run used
 */
record DockerProbe(boolean reachable, String description) {

    /** How {@link #describe()} starts when a container can run. */
    static final String REACHABLE = "Docker answers at ";

    /** The description, starting with {@link #REACHABLE} when a container can run. */
    String describe() {
        return description;
    }

    static DockerProbe look() {
        List<String> candidates = candidates();
        for (String host : candidates) {
            if (accepts(host)) {
                if (DockerClientFactory.instance().isDockerAvailable()) {
                    return new DockerProbe(true, REACHABLE + host);
                }
                return new DockerProbe(false, host + " accepts connections but Testcontainers found no working engine");
            }
        }
        return new DockerProbe(
                false, "no Docker engine answered at " + String.join(", ", candidates) + forbidden(candidates));
    }

    /**
     * The local sockets that exist but that this user may not open, as advice, or nothing: the usual cause of "no
     * engine" on a machine that has one. The build's codegen says the same ({@code codegen/CodegenDatabase.groovy},
     * {@code forbiddenSockets}).
     */
    private static String forbidden(List<String> candidates) {
        List<String> forbidden = candidates.stream()
                .filter(host -> host.startsWith("unix://"))
                .map(host -> Path.of(host.substring("unix://".length())))
                .filter(socket -> Files.exists(socket) && !(Files.isReadable(socket) && Files.isWritable(socket)))
                .map(Path::toString)
                .toList();
        return forbidden.isEmpty()
                ? ""
                : " (" + String.join(", ", forbidden) + " exists, but this user may not open it: add the user to the"
                        + " group that owns it, usually docker, and log in again)";
    }

    private static List<String> candidates() {
        String configured = System.getenv("DOCKER_HOST");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured);
        }
        String home = System.getProperty("user.home");
        List<String> sockets = new ArrayList<>(List.of(
                "unix:///var/run/docker.sock",
                "unix://" + home + "/.docker/run/docker.sock",
                "unix://" + home + "/.docker/desktop/docker.sock"));
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null) {
            sockets.add("unix://" + runtime + "/docker.sock");
        }
        return sockets;
    }

    private static boolean accepts(String host) {
        try {
            if (host.startsWith("unix://")) {
                SocketChannel.open(UnixDomainSocketAddress.of(host.substring("unix://".length())))
                        .close();
            } else {
                URI uri = URI.create(host.replaceFirst("^tcp://", "http://"));
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
