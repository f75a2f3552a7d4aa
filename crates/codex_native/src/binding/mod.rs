mod file_search;
mod image;
mod reverie;
mod tokenizer;
mod version;
