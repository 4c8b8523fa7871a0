package org.negotiatetcp.framing;

import org.jspecify.annotations.Nullable;

/**
 * The framing faults a receiver sends in a Fault record ([MC-NMF] 2.2.3), each identified by a URI under
 * {@value #NAMESPACE}.
 */
public enum FramingFault {

	/** The receiver does not accept the envelope encoding (content type) of the preamble. */
	CONTENT_TYPE_INVALID("ContentTypeInvalid",
			"the server does not accept this message encoding; use the encoding of the server's binding"
					+ " (application/soap+msbinsession1 for a default NetTcpBinding)"),

	/** The content type (or upgrade protocol name) exceeds the receiver's quota. */
	CONTENT_TYPE_TOO_LONG("ContentTypeTooLong",
			"the content type or upgrade protocol name is longer than the server accepts (256 bytes by default)"),

	/** The receiver accepted the connection but could not hand it to the service. */
	CONNECTION_DISPATCH_FAILED("ConnectionDispatchFailed",
			"the server accepted the connection but could not hand it to the service (port sharing or host"
					+ " dispatch failed); check the server's logs"),

	/** No endpoint listens at the Via. */
	ENDPOINT_NOT_FOUND("EndpointNotFound",
			"the server has no endpoint at this via; check the path in the address"),

	/** The endpoint exists but cannot take sessions now. */
	ENDPOINT_UNAVAILABLE("EndpointUnavailable",
			"the endpoint exists but is not available now (service stopped, starting or recycling); retry later"),

	/** An envelope exceeded the receiver's maximum message size; note the trailing "Fault" in the URI. */
	MAX_MESSAGE_SIZE_EXCEEDED("MaxMessageSizeExceededFault",
			"a message exceeded the server's maximum received message size (65536 bytes by default); send smaller"
					+ " messages or raise maxReceivedMessageSize on the server"),

	/** The receiver has reached a connection or session limit. */
	SERVER_TOO_BUSY("ServerTooBusy",
			"the server has reached its connection or session limit; retry later or raise the server's limits"),

	/** The receiver could not activate the service for the Via. */
	SERVICE_ACTIVATION_FAILED("ServiceActivationFailed",
			"the server could not start (activate) the service for this via; check the server's logs"),

	/** The receiver does not support the mode of the preamble. */
	UNSUPPORTED_MODE("UnsupportedMode",
			"the server does not support this framing mode; WCF net.tcp uses duplex for buffered and"
					+ " singleton-unsized for streamed transfer"),

	/** The receiver does not support the major version of the preamble. */
	UNSUPPORTED_VERSION("UnsupportedVersion",
			"the server does not support this .NET Message Framing version; send version 1.0"),

	/** The receiver refused the upgrade request, or required one that was not sent. */
	UPGRADE_INVALID("UpgradeInvalid",
			"the server does not accept application/negotiate or requires a different security mode"),

	/** The Via exceeds the receiver's quota. */
	VIA_TOO_LONG("ViaTooLong",
			"the via (endpoint address) is longer than the server accepts (2048 bytes by default); use a shorter"
					+ " address");

	/** The common prefix of every framing fault URI. */
	public static final String NAMESPACE = "http://schemas.microsoft.com/ws/2006/05/framing/faults/";

	private final String faultName;

	private final String uri;

	private final String likelyCause;

	FramingFault(String faultName, String likelyCause) {
		this.faultName = faultName;
		this.uri = NAMESPACE + faultName;
		this.likelyCause = likelyCause;
	}

	/**
	 * Return the name the specification gives this fault, the last segment of its URI.
	 * @return the name, e.g. {@code EndpointNotFound}
	 */
	public String faultName() {
		return this.faultName;
	}

	/**
	 * Return the URI sent in the Fault record.
	 * @return the full fault URI
	 */
	public String uri() {
		return this.uri;
	}

	/**
	 * Return what most likely caused this fault, phrased for a Java user of this library.
	 * @return one sentence without a trailing period
	 */
	public String likelyCause() {
		return this.likelyCause;
	}

	/**
	 * Look up a fault by its URI.
	 * @param uri the string read from a Fault record
	 * @return the fault, or {@code null} if the URI is not one of the specified faults
	 */
	public static @Nullable FramingFault fromUri(String uri) {
		for (FramingFault fault : values()) {
			if (fault.uri.equals(uri)) {
				return fault;
			}
		}
		return null;
	}

}
