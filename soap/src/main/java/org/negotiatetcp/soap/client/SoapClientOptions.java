package org.negotiatetcp.soap.client;

import java.time.Duration;
import java.util.Objects;

import org.negotiatetcp.soap.binary.BinaryXmlQuotas;

/**
 * How a contract proxy calls: the quotas of the replies it reads and how long a call waits for its reply.
 *
 * @param quotas the reader's quotas (WCF's {@code XmlDictionaryReaderQuotas}, {@code MaxReceivedMessageSize},
 * {@code MaxSessionSize})
 * @param operationTimeout how long a call waits for its reply (WCF's {@code SendTimeout}, default one minute); then
 * the call fails with a {@link org.negotiatetcp.NegotiateException} of reason {@code TIMEOUT}
 */
public record SoapClientOptions(BinaryXmlQuotas quotas, Duration operationTimeout) {

	/** WCF's defaults. */
	public static final SoapClientOptions DEFAULTS = new SoapClientOptions(BinaryXmlQuotas.DEFAULTS,
			Duration.ofMinutes(1));

	/**
	 * Checks the options.
	 * @param quotas the quotas
	 * @param operationTimeout the timeout, positive
	 */
	public SoapClientOptions {
		Objects.requireNonNull(quotas, "quotas");
		if (operationTimeout.isNegative() || operationTimeout.isZero()) {
			throw new IllegalArgumentException("operationTimeout must be positive, not " + operationTimeout);
		}
	}

	/**
	 * Returns a copy with another timeout.
	 * @param timeout the timeout
	 * @return the options
	 */
	public SoapClientOptions withOperationTimeout(Duration timeout) {
		return new SoapClientOptions(this.quotas, timeout);
	}

}
