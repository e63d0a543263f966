-- Which netting groups an MB51 window touches (api/src/domain/netting-facts.ts): a group whose lines
-- span the window's start. A new day lies after almost every group's last date, so that is the
-- selective bound; 010's (plant, any_first_date, any_last_date) could only narrow by first date.
create index netting_group_last_date on netting_group (plant, any_last_date);
