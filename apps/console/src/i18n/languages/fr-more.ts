import { mergeCatalogue, type Messages } from '../merge';

/** The French messages of every page past the first load (one chunk, fetched by the first page needing it). */
export default mergeCatalogue(
  import.meta.glob<Messages>(['../messages/fr/*.json', '!../messages/fr/{shell,menu,auth,errors,queues}.json'], {
    eager: true,
    import: 'default',
  }),
);
