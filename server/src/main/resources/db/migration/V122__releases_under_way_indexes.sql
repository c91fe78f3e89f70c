-- Issue 13, the board at 100,000 releases. The releases under way are counted and paged newest
-- first (UnderWay), and the ones whose window started are read soonest first (the attention
-- strip). With the products as an "in" list H2 read every release of the products through
-- (product_key, created_at), and "window_start < now" read every window of the history through
-- releases_window: rows whose documents do not fit any cache at that size. These indexes start
-- with is_active and hold what those queries filter on and answer (product, status, revision, id),
-- so H2 reads only the releases under way, and from the index alone.
create index releases_active_newest on releases (is_active, created_at desc, id desc, product_key, status, revision);
create index releases_active_window on releases (is_active, window_start, id, product_key, status, revision);
-- A product's release list, newest first (its page, ReleaseStore.page, whose order starts with the
-- product so that H2 reads this index in its order and stops after the page; with the status, the
-- count of one status reads the index alone).
create index releases_product_newest on releases (product_key, created_at desc, id desc, status);
