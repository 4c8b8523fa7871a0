package org.negotiatetcp.soap.boot;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import org.negotiatetcp.soap.binary.BinaryXmlQuotas;

/**
 * {@code negotiate.tcp.soap.*}: the reader quotas of SOAP sessions (WCF's {@code XmlDictionaryReaderQuotas},
 * {@code MaxReceivedMessageSize} and the binary encoder's {@code MaxSessionSize}, with WCF's defaults) and the clients'
 * operation timeout.
 *
 * @author Negotiate TCP
 */
@ConfigurationProperties("negotiate.tcp.soap")
public class SoapProperties {

	private int maxDepth = BinaryXmlQuotas.DEFAULTS.maxDepth();

	private int maxStringContentLength = BinaryXmlQuotas.DEFAULTS.maxStringContentLength();

	private int maxArrayLength = BinaryXmlQuotas.DEFAULTS.maxArrayLength();

	private int maxBytesPerRead = BinaryXmlQuotas.DEFAULTS.maxBytesPerRead();

	private int maxNameTableCharCount = BinaryXmlQuotas.DEFAULTS.maxNameTableCharCount();

	private int maxReceivedMessageSize = BinaryXmlQuotas.DEFAULTS.maxReceivedMessageSize();

	private int maxSessionSize = BinaryXmlQuotas.DEFAULTS.maxSessionSize();

	/** How long a client call waits for its reply (WCF's SendTimeout). */
	private Duration operationTimeout = Duration.ofMinutes(1);

	/**
	 * Returns the quotas these properties describe.
	 * @return the quotas
	 */
	public BinaryXmlQuotas toQuotas() {
		return new BinaryXmlQuotas(this.maxDepth, this.maxStringContentLength, this.maxArrayLength,
				this.maxBytesPerRead, this.maxNameTableCharCount, this.maxReceivedMessageSize, this.maxSessionSize);
	}

	public int getMaxDepth() {
		return this.maxDepth;
	}

	public void setMaxDepth(int maxDepth) {
		this.maxDepth = maxDepth;
	}

	public int getMaxStringContentLength() {
		return this.maxStringContentLength;
	}

	public void setMaxStringContentLength(int maxStringContentLength) {
		this.maxStringContentLength = maxStringContentLength;
	}

	public int getMaxArrayLength() {
		return this.maxArrayLength;
	}

	public void setMaxArrayLength(int maxArrayLength) {
		this.maxArrayLength = maxArrayLength;
	}

	public int getMaxBytesPerRead() {
		return this.maxBytesPerRead;
	}

	public void setMaxBytesPerRead(int maxBytesPerRead) {
		this.maxBytesPerRead = maxBytesPerRead;
	}

	public int getMaxNameTableCharCount() {
		return this.maxNameTableCharCount;
	}

	public void setMaxNameTableCharCount(int maxNameTableCharCount) {
		this.maxNameTableCharCount = maxNameTableCharCount;
	}

	public int getMaxReceivedMessageSize() {
		return this.maxReceivedMessageSize;
	}

	public void setMaxReceivedMessageSize(int maxReceivedMessageSize) {
		this.maxReceivedMessageSize = maxReceivedMessageSize;
	}

	public int getMaxSessionSize() {
		return this.maxSessionSize;
	}

	public void setMaxSessionSize(int maxSessionSize) {
		this.maxSessionSize = maxSessionSize;
	}

	public Duration getOperationTimeout() {
		return this.operationTimeout;
	}

	public void setOperationTimeout(Duration operationTimeout) {
		this.operationTimeout = operationTimeout;
	}

}
