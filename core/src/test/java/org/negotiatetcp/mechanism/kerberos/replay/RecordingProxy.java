package org.negotiatetcp.mechanism.kerberos.replay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on a free loopback port that forwards one connection to a server and records what the client sent: the
 * man in the middle who captures a clear-text NegotiateStream handshake, to replay its first message (the AP-REQ)
 * elsewhere.
 */
final class RecordingProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int upstreamPort;

	private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();

	private final Thread acceptor;

	private volatile Socket client;

	private volatile Socket upstream;

	RecordingProxy(int upstreamPort) throws IOException {
		this.upstreamPort = upstreamPort;
		this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.acceptor = new Thread(this::forwardOne, "recording-proxy");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	int port() {
		return this.listener.getLocalPort();
	}

	private void forwardOne() {
		try {
			this.client = this.listener.accept();
			this.upstream = new Socket();
			this.upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.upstreamPort), 5000);
			Thread back = new Thread(() -> pump(this.upstream, this.client, null), "recording-proxy-back");
			back.setDaemon(true);
			back.start();
			pump(this.client, this.upstream, this.fromClient);
		}
		catch (IOException ex) {
			// closed
		}
	}

	private static void pump(Socket from, Socket to, ByteArrayOutputStream record) {
		byte[] buffer = new byte[8192];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int n;
			while ((n = in.read(buffer)) >= 0) {
				if (record != null) {
					synchronized (record) {
						record.write(buffer, 0, n);
					}
				}
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// either side closed
		}
	}

	/**
	 * Return the first [MS-NNS] handshake message the client sent in raw mode (no [MC-NMF] preamble): the 5-byte
	 * header (id, version, payload size big-endian) and the payload, which carries the client's AP-REQ.
	 */
	byte[] firstHandshakeMessage() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			byte[] recorded;
			synchronized (this.fromClient) {
				recorded = this.fromClient.toByteArray();
			}
			if (recorded.length >= 5) {
				int size = ((recorded[3] & 0xff) << 8) | (recorded[4] & 0xff);
				if (recorded.length >= 5 + size) {
					return Arrays.copyOf(recorded, 5 + size);
				}
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("the client sent no whole handshake message");
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		for (Socket socket : new Socket[] { this.client, this.upstream }) {
			if (socket != null) {
				socket.close();
			}
		}
	}

}
