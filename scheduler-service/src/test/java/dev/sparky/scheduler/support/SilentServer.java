package dev.sparky.scheduler.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP server that accepts connections and never answers: a hung git server. */
public final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    public SilentServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    try {
                        while (true) {
                            clients.add(socket.accept());
                        }
                    } catch (IOException e) {
                        // closed
                    }
                },
                "silent-server");
        t.setDaemon(true);
        t.start();
    }

    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/repo.git";
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket c : clients) {
            c.close();
        }
    }
}
