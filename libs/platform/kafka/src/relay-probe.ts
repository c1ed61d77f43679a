import { type Admin, type Kafka } from 'kafkajs';

/**
 * The relay's question to the broker: its cluster metadata, over an admin connection of its own, asked
 * once (no retries: the relay asks again at its next probe). A failed probe drops the connection, so
 * that the next one starts clean after a broker restart; one the broker never answers fails at the
 * client's request timeout, while the relay has already counted it as failed at its own, shorter one.
 */
export class KafkaBrokerProbe {
  private admin: Admin | undefined;
  private connected: Promise<void> | undefined;

  constructor(private readonly kafka: Kafka) {}

  readonly check = async (): Promise<void> => {
    const admin = (this.admin ??= this.kafka.admin({ retry: { retries: 0 } }));
    try {
      await (this.connected ??= admin.connect());
      await admin.describeCluster();
    } catch (error) {
      this.drop(admin);
      throw error;
    }
  };

  private drop(admin: Admin): void {
    if (this.admin !== admin) return;
    this.admin = undefined;
    this.connected = undefined;
    void admin.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    this.connected = undefined;
    await admin?.disconnect().catch(() => undefined);
  }
}
