/** One UDP datagram out of a capture. */
export type Datagram = {
  /** s, capture timestamp (Unix time for live captures). */
  readonly t: number;
  readonly srcAddr: string;
  readonly dstAddr: string;
  readonly srcPort: number;
  readonly dstPort: number;
  /** The UDP payload (a view into the file's bytes: copy it to keep it past the file). */
  readonly payload: Uint8Array;
};

/** What a capture held besides UDP datagrams, by reason. */
export type PcapSkipped = {
  /** Not IPv4/IPv6, or IP but not UDP (TCP, ICMP, ARP...). */
  nonUdp: number;
  /** Captured shorter than the packet (snaplen) or with lengths that do not add up. */
  truncated: number;
  /** IPv4 fragments of a datagram whose pieces did not all arrive. */
  fragments: number;
  /** Packets on an interface whose link type racecraft does not decode. */
  unsupportedLink: number;
};

export type PcapCapture = {
  readonly format: 'pcap' | 'pcapng';
  readonly datagrams: Datagram[];
  readonly skipped: PcapSkipped;
  /** Link types seen (LINKTYPE_* numbers). */
  readonly linkTypes: number[];
  readonly warnings: string[];
};

/** LINKTYPE_* numbers racecraft decodes (tcpdump.org/linktypes.html). */
export const LINKTYPE = { NULL: 0, ETHERNET: 1, RAW: 101, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276 } as const;
