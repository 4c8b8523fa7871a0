/**
 * The SOAP message layer over one {@link org.negotiatetcp.channel.NegotiateChannel}: {@link
 * org.negotiatetcp.soap.session.SoapSession} encodes each envelope with the session's [MC-NBFSE] state (one
 * {@link org.negotiatetcp.soap.binary.BinaryXmlSession} per channel, both directions), correlates replies to requests
 * by {@code MessageID}/{@code RelatesTo} so that several calls are in flight at once, sends one-way messages, and
 * hands received requests to a {@link org.negotiatetcp.soap.session.SoapRequestHandler}.
 */
@NullMarked
package org.negotiatetcp.soap.session;

import org.jspecify.annotations.NullMarked;
