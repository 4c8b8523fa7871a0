package org.negotiatetcp.soap.binary;

import java.util.List;

/**
 * The envelopes of the Mono WCF capture ({@link MonoCaptureTests}), for tests of other packages.
 */
public final class MonoCapture {

	private MonoCapture() {
	}

	/**
	 * Returns the envelope payloads one side sent, in order.
	 * @param client {@code true} for the client's (the requests), {@code false} for the service's (the replies)
	 * @return the payloads, each a string table and a document
	 * @throws Exception when the capture cannot be read
	 */
	public static List<byte[]> envelopes(boolean client) throws Exception {
		return MonoCaptureTests.envelopes(client);
	}

}
