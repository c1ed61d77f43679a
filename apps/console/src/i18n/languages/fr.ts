import { mergeCatalogue, type Messages } from '../merge';

/**
 * French messages the console's first load needs: the shell and its menu, sign-in, the queues, and the
 * sentences of the API's errors. The rest of French comes with the first page that needs it
 * (`languages/fr-more.ts`). A check (catalogue.test.ts) keeps this list and the first load's keys together.
 */
export default mergeCatalogue(
  import.meta.glob<Messages>('../messages/fr/{shell,menu,auth,errors,queues}.json', {
    eager: true,
    import: 'default',
  }),
);
