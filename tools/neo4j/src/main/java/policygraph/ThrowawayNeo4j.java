package policygraph;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A throwaway Neo4j Community server (the official test harness, in-process): Bolt on a free
 * 127.0.0.1 port, authentication on with a random password. Prints NEO4J_URI, NEO4J_USER and
 * NEO4J_PASSWORD lines on stdout once Bolt answers, then runs until SIGTERM/SIGINT — or, with
 * {@code --watch PID}, until that process is gone (a test run that was killed leaves no server).
 */
public final class ThrowawayNeo4j {
    static final long TX_MAX = Long.getLong("policygraph.tx.max", 512L * 1024 * 1024);

    public static void main(String[] args) throws Exception {
        long watch = args.length == 2 && args[0].equals("--watch") ? Long.parseLong(args[1]) : -1;
        byte[] rnd = new byte[16];
        new SecureRandom().nextBytes(rnd);
        String password = HexFormat.of().formatHex(rnd);   // hex: no quoting anywhere

        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer()                                   // Bolt only, no HTTP
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                // A transaction may hold at most this much: a load that does not commit in bounded
                // groups of documents fails here, as it would on a server with default limits.
                .withConfig(GraphDatabaseSettings.memory_transaction_max_size, TX_MAX)
                // Netty's graceful shutdown defaults (a 5 s quiet period, twice) make close() take ~10 s.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { neo4j.close(); } finally { stopped.countDown(); }
        }, "neo4j-shutdown"));

        // Embedded transactions bypass authentication: set the built-in user's password directly.
        neo4j.databaseManagementService().database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD '" + password + "' CHANGE NOT REQUIRED");

        int port = neo4j.boltURI().getPort();
        waitForBolt("127.0.0.1", port, 60_000);
        System.out.println("NEO4J_URI=bolt://127.0.0.1:" + port);
        System.out.println("NEO4J_USER=neo4j");
        System.out.println("NEO4J_PASSWORD=" + password);
        System.out.flush();

        if (watch > 0) {
            Thread watcher = new Thread(() -> {
                while (ProcessHandle.of(watch).map(ProcessHandle::isAlive).orElse(false)) {
                    try { Thread.sleep(1000); } catch (InterruptedException e) { return; }
                }
                System.exit(0);     // runs the shutdown hook
            }, "parent-watch");
            watcher.setDaemon(true);
            watcher.start();
        }
        stopped.await();
    }

    /** The Bolt handshake: magic 0x6060B017 and four version proposals; a server answers with four bytes. */
    private static void waitForBolt(String host, int port, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        byte[] hello = {0x60, 0x60, (byte) 0xB0, 0x17, 0, 0, 4, 5, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0};
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                s.setSoTimeout(2000);
                OutputStream out = s.getOutputStream();
                out.write(hello);
                out.flush();
                byte[] answer = new byte[4];
                new DataInputStream(s.getInputStream()).readFully(answer);
                if (answer[3] != 0 || answer[2] != 0) return;     // a version was agreed
            } catch (java.io.IOException e) {
                // not ready yet
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Bolt did not answer on port " + port);
            }
            Thread.sleep(100);
        }
    }
}
