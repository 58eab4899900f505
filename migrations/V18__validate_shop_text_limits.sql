-- V18: validates V17's constraints. VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE, which blocks
-- neither reads nor writes; the migration's lock_timeout bounds the wait for that lock behind DDL or VACUUM. If a row
-- stored before V17 breaks a limit, this migration fails naming the constraint: shorten that row, then migrate again.
ALTER TABLE users VALIDATE CONSTRAINT users_email_length_check;
ALTER TABLE users VALIDATE CONSTRAINT users_name_length_check;
ALTER TABLE users VALIDATE CONSTRAINT users_image_length_check;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_type_length_check;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_provider_length_check;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_provider_account_id_length_check;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_tokens_length_check;
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_attributes_length_check;
ALTER TABLE verification_tokens VALIDATE CONSTRAINT verification_tokens_identifier_length_check;
ALTER TABLE vendor_profiles VALIDATE CONSTRAINT vendor_profiles_business_name_length_check;
ALTER TABLE vendor_profiles VALIDATE CONSTRAINT vendor_profiles_slug_length_check;
ALTER TABLE vendor_profiles VALIDATE CONSTRAINT vendor_profiles_description_length_check;
ALTER TABLE vendor_profiles VALIDATE CONSTRAINT vendor_profiles_contact_length_check;
ALTER TABLE vendor_profiles VALIDATE CONSTRAINT vendor_profiles_place_length_check;
ALTER TABLE chats VALIDATE CONSTRAINT chats_subject_length_check;
ALTER TABLE chat_messages VALIDATE CONSTRAINT chat_messages_body_length_check;
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_title_length_check;
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_body_length_check;
ALTER TABLE biodynamic_calendar VALIDATE CONSTRAINT biodynamic_calendar_constellation_length_check;
ALTER TABLE biodynamic_calendar VALIDATE CONSTRAINT biodynamic_calendar_notes_length_check;
