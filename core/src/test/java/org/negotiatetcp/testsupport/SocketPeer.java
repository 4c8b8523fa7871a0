package org.negotiatetcp.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A blocking socket that writes and reads exact bytes, for driving a server by hand in negative tests. Every read has
 * a timeout so a test never hangs.
 */
public final class SocketPeer implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private SocketPeer(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	/**
	 * Connect to 127.0.0.1.
	 * @param port the port
	 * @return the peer
	 */
	public static SocketPeer connect(int port) {
		try {
			Socket socket = new Socket();
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(5000);
			return new SocketPeer(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Connect to 127.0.0.1 from another local address, for example {@code 127.0.0.2} (all of 127/8 is loopback on
	 * Linux), to appear to the server as a second peer address.
	 * @param localAddress the local address to bind
	 * @param port the port
	 * @return the peer
	 */
	public static SocketPeer connectFrom(String localAddress, int port) {
		try {
			Socket socket = new Socket();
			socket.bind(new InetSocketAddress(localAddress, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
			socket.setSoTimeout(5000);
			return new SocketPeer(socket);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Set the read timeout.
	 * @param millis the timeout
	 * @return this peer
	 */
	public SocketPeer timeout(int millis) {
		try {
			this.socket.setSoTimeout(millis);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Write bytes.
	 * @param bytes the bytes
	 * @return this peer
	 */
	public SocketPeer write(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read exactly {@code n} bytes.
	 * @param n how many
	 * @return the bytes
	 */
	public byte[] read(int n) {
		try {
			byte[] bytes = new byte[n];
			this.in.readFully(bytes);
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read until the peer closes the connection.
	 * @return everything read
	 * @throws UncheckedIOException if the timeout passes first
	 */
	public byte[] readUntilClosed() {
		try {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			InputStream stream = this.in;
			byte[] buffer = new byte[4096];
			int n;
			while ((n = stream.read(buffer)) >= 0) {
				all.write(buffer, 0, n);
			}
			return all.toByteArray();
		}
		catch (SocketTimeoutException ex) {
			throw new UncheckedIOException("the server did not close the connection in time", ex);
		}
		catch (IOException ex) {
			// a reset counts as closed
			return new byte[0];
		}
	}

	/**
	 * Whether the server closed the connection (reads EOF) within the timeout.
	 * @return {@code true} if closed
	 */
	public boolean isClosedByPeer() {
		try {
			return this.in.read() < 0;
		}
		catch (EOFException ex) {
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * Reset the connection: close it with SO_LINGER 0, so the peer gets an RST instead of a FIN (a crashed process or
	 * a peer that aborts).
	 */
	public void reset() {
		try {
			this.socket.setSoLinger(true, 0);
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
