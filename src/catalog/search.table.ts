/** IF-2: one word of a service's published text, with the weight of the field it came from. */
export interface ServiceSearchTermsTable {
  agency_id: string;
  service_id: string;
  term: string;
  weight: number;
  /** The field that gave the weight: name, keyword, category, summary, code, document, conditions. */
  source: string;
}

/** IF-2: the Thai name of each indexed service, for ordering ties. */
export interface ServiceSearchNamesTable {
  service_id: string;
  agency_id: string;
  name: string;
}
