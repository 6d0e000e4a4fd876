-- Composite search parameters (e.g. Observation code-value-quantity): each component's rows go to its type's table
-- under the parameter name with the component's position ("code-value-quantity$0", "…$1"), and the rows taken from
-- the same element (one Observation.component, one useContext) share a group number, so a search matches the
-- components of one element together. Rows of ordinary parameters leave it NULL.
ALTER TABLE search_token ADD COLUMN grp integer;
ALTER TABLE search_string ADD COLUMN grp integer;
ALTER TABLE search_reference ADD COLUMN grp integer;
ALTER TABLE search_date ADD COLUMN grp integer;
ALTER TABLE search_number ADD COLUMN grp integer;
ALTER TABLE search_quantity ADD COLUMN grp integer;
