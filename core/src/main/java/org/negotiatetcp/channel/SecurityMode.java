package org.negotiatetcp.channel;

/**
 * The security of a {@code net.tcp} channel, named after WCF's {@code SecurityMode} of {@code NetTcpBinding}.
 * {@link #TRANSPORT} is the default and the only secure choice; {@link #NONE} exists for peers that cannot do the
 * Windows security upgrade (Mono's WCF, for example) and is logged loudly wherever it is used.
 */
public enum SecurityMode {

	/**
	 * The [MC-NMF] {@code application/negotiate} upgrade to [MS-NNS] NegotiateStream: the client is authenticated
	 * (Kerberos, NTLM) and the messages are protected. A client that ends its preamble without the upgrade is refused
	 * with the {@code UpgradeInvalid} fault.
	 */
	TRANSPORT,

	/**
	 * No security (WCF's {@code SecurityMode.None}): the preamble ends without an upgrade, the client is anonymous and
	 * messages are neither authenticated nor encrypted. A server in this mode refuses an upgrade request with the
	 * {@code UpgradeInvalid} fault, as WCF does. Only in {@link org.negotiatetcp.ChannelMode#NET_TCP} mode.
	 */
	NONE

}
