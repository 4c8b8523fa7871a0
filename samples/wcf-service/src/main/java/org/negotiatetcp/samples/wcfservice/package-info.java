/**
 * Sample: a WCF-style service for WCF and WWSAPI clients.
 */
@NullMarked
package org.negotiatetcp.samples.wcfservice;

import org.jspecify.annotations.NullMarked;
